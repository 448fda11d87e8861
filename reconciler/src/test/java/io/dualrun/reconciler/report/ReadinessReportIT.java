package io.dualrun.reconciler.report;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dualrun.reconciler.web.LiveReconciler;
import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** {@code dualrun report readiness} against a real reconciler on a real broker and registry. */
class ReadinessReportIT {
  private static LiveReconciler live;

  @BeforeAll
  static void start() throws Exception {
    live = LiveReconciler.start();
  }

  @AfterAll
  static void stop() {
    if (live != null) {
      live.close();
    }
  }

  @Test
  void markdownTableShowsEachWorkflowsReadiness() {
    String[] result = run("readiness", "--url", live.url());
    assertThat(result[0]).isEqualTo("0");
    assertThat(result[1].lines())
        .anySatisfy(l -> assertThat(l).startsWith("| sales-daily | READY | 2/2 | 0 |"))
        .anySatisfy(
            l ->
                assertThat(l)
                    .startsWith("| stock-daily | NOT_READY | 1/2 | 0 |")
                    .contains("partition " + LiveReconciler.MISMATCH + " is MISMATCH"));
  }

  @Test
  void jsonOfOneWorkflow() throws Exception {
    String[] result =
        run("readiness", "--url", live.url(), "--format", "json", "--workflow", "sales-daily");
    assertThat(result[0]).isEqualTo("0");
    JsonNode rows = new ObjectMapper().readTree(result[1]);
    assertThat(rows).hasSize(1);
    assertThat(rows.get(0).path("state").asText()).isEqualTo("READY");
    assertThat(rows.get(0).path("cleanPartitions").asInt()).isEqualTo(2);
    assertThat(rows.get(0).path("candidateP95Ms").asLong()).isEqualTo(22 * 60_000L);
    assertThat(rows.get(0).path("baselineP95Ms").asLong()).isEqualTo(20 * 60_000L);
  }

  @Test
  void wavesPutTheReaderAfterTheWorkflowItReadsFrom() throws Exception {
    String[] md = run("waves", "--url", live.url());
    assertThat(md[0]).as(md[2]).isEqualTo("0");
    assertThat(md[1].lines())
        .contains(
            "| 1 | sales-daily | READY | yes |  | 1: stock-daily |  |",
            "| 2 | stock-daily | NOT_READY | no | sales-daily | 0 | it is NOT_READY; upstream"
                + " sales-daily has not cut over |");
    String[] json = run("waves", "--url", live.url(), "--format", "json");
    JsonNode plan = new ObjectMapper().readTree(json[1]);
    assertThat(plan.path("waves").path("1").get(0).asText()).isEqualTo("sales-daily");
    assertThat(plan.path("waves").path("2").get(0).asText()).isEqualTo("stock-daily");
    assertThat(plan.path("cycles")).isEmpty();
    assertThat(run("waves", "--url", live.url(), "--format", "csv")[0]).isEqualTo("2");
  }

  @Test
  void unknownWorkflowExitsWithOne() {
    String[] result = run("readiness", "--url", live.url(), "--workflow", "no-such-workflow");
    assertThat(result[0]).isEqualTo("1");
    assertThat(result[2]).contains("404").contains("no-such-workflow");
  }

  private static String[] run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CommandLine cli = new CommandLine(new ReportCommand());
    cli.setOut(new PrintWriter(out));
    cli.setErr(new PrintWriter(err));
    int code = cli.execute(args);
    return new String[] {Integer.toString(code), out.toString(), err.toString()};
  }
}
