package io.dualrun.sql;

import static org.assertj.core.api.Assertions.assertThat;

import io.dualrun.platform.LocalPlatform;
import io.dualrun.schemas.avro.Verdict;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * {@code dualrun sql --flink} against a Flink session cluster of two separate JVMs whose class path
 * lacks the Kafka connector and the format (as a Flink distribution does), over a real broker and
 * registry holding {@link SampleRecords}: a shipped query in batch mode, a streaming statement, and
 * the shipped continuous parity job; and {@code --no-ship-jars}, on that cluster (a clear error)
 * and on a second one that has the jars on its class path (the same answers).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SqlSessionClusterIT {
  @TempDir static Path dir;
  private static final List<String> PARITY_RATE_CSV =
      List.of(
          "workflow,partition_day,decided,matching,waived,parity_pct",
          "inventory-sync,2026-11-20,1,1,0,100.0",
          "inventory-sync,2026-11-21,1,0,1,100.0",
          "orders-hourly,2026-11-21,2,1,0,50.0",
          "orders-hourly,2026-11-22,1,0,0,0.0",
          "revenue-daily,2026-11-20,1,1,0,100.0",
          "revenue-daily,2026-11-21,1,0,0,0.0",
          "revenue-daily,2026-11-22,1,1,0,100.0",
          "revenue-daily,2026-11-23,1,0,0,0.0");

  private FlinkSessionProcesses flink;
  private FlinkSessionProcesses flinkWithLib;
  private LocalPlatform platform;

  @BeforeAll
  void start() throws InterruptedException {
    flink = FlinkSessionProcesses.start(dir.resolve("stock"));
    try {
      flinkWithLib = FlinkSessionProcesses.startWithTheJarsInLib(dir.resolve("lib"));
      platform = LocalPlatform.startEphemeral();
      SampleRecords.publish(platform.catalog(), platform.kafkaConfig());
      flink.awaitReady(Duration.ofSeconds(120));
      flinkWithLib.awaitReady(Duration.ofSeconds(120));
    } catch (RuntimeException | InterruptedException | Error e) {
      stop();
      throw e;
    }
  }

  @AfterAll
  void stop() {
    try {
      for (FlinkSessionProcesses cluster : new FlinkSessionProcesses[] {flink, flinkWithLib}) {
        if (cluster != null) {
          cluster.close();
        }
      }
    } finally {
      if (platform != null) {
        platform.close();
      }
    }
  }

  @Test
  @Order(1)
  void aShippedQueryRunsInBatchOnTheSessionCluster() {
    Run run = command("--format", "csv", "-f", Path.of("queries", "parity_rate.sql").toString());
    assertThat(run.exitCode).as(run.err + flink.logs()).isZero();
    assertThat(run.out.lines().toList()).containsExactlyElementsOf(PARITY_RATE_CSV);
    assertThat(run.err).isEmpty();
  }

  @Test
  @Order(1)
  void withNoShipJarsAClusterHavingTheJarsInItsLibAnswersTheSame() {
    Run run =
        command(
            flinkWithLib,
            "--no-ship-jars",
            "--format",
            "csv",
            "-f",
            Path.of("queries", "parity_rate.sql").toString());
    assertThat(run.exitCode).as(run.err + flinkWithLib.logs()).isZero();
    assertThat(run.out.lines().toList()).containsExactlyElementsOf(PARITY_RATE_CSV);
    assertThat(run.err).isEmpty();
  }

  @Test
  @Order(1)
  void withNoShipJarsAStockClusterFailsNamingTheOptionAndTheMissingClass() {
    Run run = command("--no-ship-jars", "SELECT COUNT(*) FROM verdicts");
    assertThat(run.exitCode).isEqualTo(1);
    assertThat(run.out).isEmpty();
    assertThat(run.err)
        .startsWith("dualrun sql: --no-ship-jars: the session cluster at " + flink.address())
        .contains(" cannot load org.apache.flink.connector.kafka.")
        .contains("drop --no-ship-jars");
  }

  @Test
  @Order(2)
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

  /** Last: it writes a verdict revision that changes the answers of the tests above. */
  @Test
  @Order(3)
  void theShippedParityJobKeepsOneRowPerWorkflowUpToDateOnItsTopic() throws Exception {
    try (Admin admin = Admin.create(platform.kafkaConfig())) {
      admin
          .createTopics(
              List.of(
                  new NewTopic("dualrun.parity.v1", 1, (short) 1)
                      .configs(Map.of("cleanup.policy", "compact"))))
          .all()
          .get();
    }
    try {
      Run submitted =
          command("--format", "csv", "-f", Path.of("jobs", "parity_per_workflow.sql").toString());
      assertThat(submitted.exitCode).as(submitted.err + flink.logs()).isZero();
      List<String> lines = submitted.out.lines().toList();
      assertThat(lines).hasSize(2);
      assertThat(lines.get(0)).isEqualTo("job_id");
      String jobId = lines.get(1).replace("\"", "");
      assertThat(jobId).matches("[0-9a-f]{32}");
      // current verdicts: inventory-sync MATCH, MATCH_WITH_WAIVER; orders-hourly MISMATCH,
      // MATCH, MISMATCH; revenue-daily MATCH (revision 2), MISMATCH, MATCH, MISMATCH
      awaitParity(
          jobId,
          "inventory-sync,2,1,0,1,100.0",
          "orders-hourly,3,1,2,0,33.3",
          "revenue-daily,4,2,2,0,50.0");
      assertThat(jobState(jobId))
          .as("the job runs on after dualrun sql returned")
          .isEqualTo("RUNNING");
      // a rerun of orders-hourly 2026-11-22T01 matches: its revision 2 turns the row
      SampleRecords.publishVerdict(
          platform.catalog(),
          platform.kafkaConfig(),
          SampleRecords.revision("orders-hourly", "2026-11-22T01", 2));
      awaitParity(
          jobId,
          "inventory-sync,2,1,0,1,100.0",
          "orders-hourly,3,2,1,0,66.7",
          "revenue-daily,4,2,2,0,50.0");
    } finally {
      cancelRunningJobs();
    }
  }

  /** Reads the parity table's current rows (streaming, up to the latest offset) until expected. */
  private void awaitParity(String jobId, String... expected) throws Exception {
    long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
    List<String> rows = List.of();
    while (System.nanoTime() < deadline) {
      assertThat(jobState(jobId))
          .as("the parity job; its exceptions: %s", exceptions(jobId))
          .isNotIn("FAILED", "FAILING", "CANCELED", "FINISHED");
      Run run =
          command(
              "--format",
              "csv",
              "SET 'execution.runtime-mode' = 'streaming';"
                  + " SELECT workflow, decided, matching, mismatching, waived, parity_pct"
                  + " FROM parity");
      assertThat(run.exitCode).as(run.err + flink.logs()).isZero();
      rows = run.out.lines().skip(1).sorted().toList();
      if (rows.equals(List.of(expected))) {
        return;
      }
      Thread.sleep(1000);
    }
    assertThat(rows).as("the parity topic's latest row per workflow").containsExactly(expected);
  }

  private String exceptions(String jobId) throws Exception {
    return HttpClient.newHttpClient()
        .send(
            HttpRequest.newBuilder(
                    URI.create("http://" + flink.address() + "/jobs/" + jobId + "/exceptions"))
                .build(),
            HttpResponse.BodyHandlers.ofString())
        .body();
  }

  private String jobState(String jobId) throws Exception {
    HttpResponse<String> response =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(URI.create("http://" + flink.address() + "/jobs/" + jobId))
                    .build(),
                HttpResponse.BodyHandlers.ofString());
    Matcher state = Pattern.compile("\"state\":\"([A-Z_]+)\"").matcher(response.body());
    assertThat(state.find()).as(response.body()).isTrue();
    return state.group(1);
  }

  /** Cancels every running job and waits until the slots are free again for the other tests. */
  private void cancelRunningJobs() throws Exception {
    HttpClient http = HttpClient.newHttpClient();
    String overview =
        http.send(
                HttpRequest.newBuilder(URI.create("http://" + flink.address() + "/jobs")).build(),
                HttpResponse.BodyHandlers.ofString())
            .body();
    Matcher job =
        Pattern.compile("\\{\"id\":\"([0-9a-f]{32})\",\"status\":\"RUNNING\"\\}").matcher(overview);
    while (job.find()) {
      http.send(
          HttpRequest.newBuilder(
                  URI.create(
                      "http://" + flink.address() + "/jobs/" + job.group(1) + "?mode=cancel"))
              .method("PATCH", HttpRequest.BodyPublishers.noBody())
              .build(),
          HttpResponse.BodyHandlers.discarding());
    }
    flink.awaitReady(Duration.ofSeconds(60));
  }

  private record Run(int exitCode, String out, String err) {}

  private Run command(String... args) {
    return command(flink, args);
  }

  private Run command(FlinkSessionProcesses cluster, String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CommandLine cli = SqlCommand.commandLine();
    cli.setOut(new PrintWriter(out));
    cli.setErr(new PrintWriter(err));
    List<String> all = new ArrayList<>();
    all.add("--flink=" + cluster.address());
    all.add("--bootstrap-servers=" + platform.bootstrapServers());
    all.add("--registry-url=" + platform.registryUrl());
    all.add("--parallelism=2");
    all.addAll(List.of(args));
    int code = cli.execute(all.toArray(String[]::new));
    return new Run(code, out.toString(), err.toString());
  }
}
