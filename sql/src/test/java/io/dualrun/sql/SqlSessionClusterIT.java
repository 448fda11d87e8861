package io.dualrun.sql;

import static org.assertj.core.api.Assertions.assertThat;

import io.dualrun.platform.LocalPlatform;
import io.dualrun.schemas.avro.Verdict;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * {@code dualrun sql --flink} against a Flink session cluster of two separate JVMs whose class path
 * lacks the Kafka connector and the format (as a Flink distribution does), over a real broker and
 * registry holding {@link SampleRecords}: a shipped query in batch mode and a streaming statement.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SqlSessionClusterIT {
  @TempDir static Path dir;
  private FlinkSessionProcesses flink;
  private LocalPlatform platform;

  @BeforeAll
  void start() throws InterruptedException {
    flink = FlinkSessionProcesses.start(dir);
    try {
      platform = LocalPlatform.startEphemeral();
      SampleRecords.publish(platform.catalog(), platform.kafkaConfig());
      flink.awaitReady(Duration.ofSeconds(120));
    } catch (RuntimeException | InterruptedException | Error e) {
      stop();
      throw e;
    }
  }

  @AfterAll
  void stop() {
    try {
      if (flink != null) {
        flink.close();
      }
    } finally {
      if (platform != null) {
        platform.close();
      }
    }
  }

  @Test
  void aShippedQueryRunsInBatchOnTheSessionCluster() {
    Run run = command("--format", "csv", "-f", Path.of("queries", "parity_rate.sql").toString());
    assertThat(run.exitCode).as(run.err + flink.logs()).isZero();
    assertThat(run.out.lines().toList())
        .containsExactly(
            "workflow,partition_day,decided,matching,waived,parity_pct",
            "inventory-sync,2026-11-20,1,1,0,100.0",
            "inventory-sync,2026-11-21,1,0,1,100.0",
            "orders-hourly,2026-11-21,2,1,0,50.0",
            "orders-hourly,2026-11-22,1,0,0,0.0",
            "revenue-daily,2026-11-20,1,1,0,100.0",
            "revenue-daily,2026-11-21,1,0,0,0.0",
            "revenue-daily,2026-11-22,1,1,0,100.0",
            "revenue-daily,2026-11-23,1,0,0,0.0");
    assertThat(run.err).isEmpty();
  }

  @Test
  void aStreamingStatementRunsOnTheSessionClusterAndPrintsItsFinalRows() {
    Run run =
        command(
            "--format",
            "csv",
            "SET 'execution.runtime-mode' = 'streaming';"
                + " SELECT workflow, COUNT(*) AS revisions, MAX(revision) AS max_revision"
                + " FROM verdicts GROUP BY workflow");
    assertThat(run.exitCode).as(run.err + flink.logs()).isZero();
    Map<String, List<Verdict>> byWorkflow =
        SampleRecords.verdicts().stream()
            .collect(
                Collectors.groupingBy(Verdict::getWorkflow, TreeMap::new, Collectors.toList()));
    List<String> expected = new ArrayList<>();
    byWorkflow.forEach(
        (workflow, verdicts) ->
            expected.add(
                workflow
                    + ","
                    + verdicts.size()
                    + ","
                    + verdicts.stream().mapToInt(Verdict::getRevision).max().orElseThrow()));
    List<String> lines = run.out.lines().toList();
    assertThat(lines.get(0)).isEqualTo("workflow,revisions,max_revision");
    assertThat(lines.subList(1, lines.size()))
        .as("one final row per workflow, retracted updates applied")
        .containsExactlyInAnyOrderElementsOf(expected);
  }

  private record Run(int exitCode, String out, String err) {}

  private Run command(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CommandLine cli = SqlCommand.commandLine();
    cli.setOut(new PrintWriter(out));
    cli.setErr(new PrintWriter(err));
    List<String> all = new ArrayList<>();
    all.add("--flink=" + flink.address());
    all.add("--bootstrap-servers=" + platform.bootstrapServers());
    all.add("--registry-url=" + platform.registryUrl());
    all.add("--parallelism=2");
    all.addAll(List.of(args));
    int code = cli.execute(all.toArray(String[]::new));
    return new Run(code, out.toString(), err.toString());
  }
}
