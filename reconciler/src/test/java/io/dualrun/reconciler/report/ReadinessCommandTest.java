package io.dualrun.reconciler.report;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dualrun.config.auth.AccessPolicy;
import io.dualrun.config.auth.AccessToken;
import io.dualrun.config.auth.Role;
import io.dualrun.service.auth.HttpAuth;
import io.javalin.Javalin;
import java.io.PrintWriter;
import java.io.StringReader;
import java.io.StringWriter;
import java.net.ServerSocket;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** The readiness report against a local server answering canned reconciler JSON. */
class ReadinessCommandTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  static final String READINESS =
      """
      [{"workflow":"customer-dim","status":"NOT_READY","inventoried":true,"owner":"crm-data",
        "requiredPartitions":3,
        "partitions":[{"partition":"2026-11-13","outcome":"MISMATCH"},
                      {"partition":"2026-11-12","outcome":"MATCH"},
                      {"partition":"2026-11-11","outcome":"MATCH"}],
        "baselineP95Ms":1500000,"candidateP95Ms":3900000,"durationRatio":1.5,
        "evidence":{"decided":31,"mismatches":2,"confidence":0.95,"mismatchRateBelow":0.18915,
                    "method":"exact (Clopper-Pearson)","maxMismatchRate":null,"statement":"…"},
        "reasons":["partition 2026-11-13 is MISMATCH",
                   "candidate p95 duration PT1H5M exceeds 1.5 × baseline p95 PT25M",
                   "freshness breach customer-dim/2026-11-14/CANDIDATE_LATE/candidate is open",
                   "note with | pipe, comma and \\"quotes\\""]},
       {"workflow":"kpi-dashboard","status":"READY","inventoried":true,"owner":"bi-team",
        "requiredPartitions":2,
        "partitions":[{"partition":"2026-11-21","outcome":"MATCH"},
                      {"partition":"2026-11-20","outcome":"MATCH"}],
        "baselineP95Ms":600000,"candidateP95Ms":540000,"durationRatio":1.25,
        "evidence":{"decided":30,"mismatches":0,"confidence":0.95,"mismatchRateBelow":0.1,
                    "method":"rule of three","maxMismatchRate":null,"statement":"…"},
        "reasons":[]},
       {"workflow":"adhoc-export","status":"NOT_READY","inventoried":false,"owner":null,
        "requiredPartitions":14,"partitions":[],
        "baselineP95Ms":null,"candidateP95Ms":null,"durationRatio":1.5,
        "reasons":["only 0 of the last 14 partitions are decided"]}]
      """;

  static final String WORKFLOWS =
      """
      [{"workflow":"customer-dim","openBreaches":["customer-dim/2026-11-14/CANDIDATE_LATE/candidate"]},
       {"workflow":"kpi-dashboard","openBreaches":[]},
       {"workflow":"adhoc-export","openBreaches":[]}]
      """;

  private Javalin server;
  private String url;

  @BeforeEach
  void serveCannedJson() throws Exception {
    JsonNode all = JSON.readTree(READINESS);
    server = Javalin.create(c -> c.showJavalinBanner = false);
    server.get("/v1/readiness", ctx -> ctx.contentType("application/json").result(READINESS));
    server.get("/v1/workflows", ctx -> ctx.contentType("application/json").result(WORKFLOWS));
    server.get(
        "/v1/readiness/{workflow}",
        ctx -> {
          for (JsonNode r : all) {
            if (r.path("workflow").asText().equals(ctx.pathParam("workflow"))) {
              ctx.contentType("application/json").result(r.toString());
              return;
            }
          }
          ctx.status(404)
              .contentType("application/json")
              .result(
                  "{\"error\":\"workflow "
                      + ctx.pathParam("workflow")
                      + " is neither in the inventory nor in any pair\"}");
        });
    server.start("127.0.0.1", 0);
    url = "http://127.0.0.1:" + server.port();
  }

  @AfterEach
  void stop() {
    server.stop();
  }

  @Test
  void printsAMarkdownTableByDefault() {
    Run run = run("readiness", "--url", url);
    assertThat(run.code).isZero();
    List<String> lines = run.out.lines().toList();
    assertThat(lines).hasSize(5);
    assertThat(lines.get(0))
        .isEqualTo(
            "| Workflow | State | Clean (last N) | Open breaches | Candidate p95 vs baseline p95 |"
                + " Mismatch rate (95 %) | Reasons |");
    assertThat(lines.get(1)).isEqualTo("| --- | --- | --- | --- | --- | --- | --- |");
    assertThat(lines.get(2))
        .startsWith(
            "| customer-dim | NOT_READY | 2/3 | 1 | 1h 05m vs 25m 00s (allowed ×1.5) | < 18.9 % (2"
                + " of 31) |")
        .contains("partition 2026-11-13 is MISMATCH; candidate p95")
        .contains("note with \\| pipe");
    assertThat(lines.get(3))
        .isEqualTo(
            "| kpi-dashboard | READY | 2/2 | 0 | 9m 00s vs 10m 00s (allowed ×1.25) | < 10.0 % (0 of"
                + " 30) |  |");
    assertThat(lines.get(4))
        .startsWith("| adhoc-export | NOT_READY | 0/14 | 0 | — vs — (allowed ×1.5) | — |");
    assertThat(run.err).isEmpty();
  }

  @Test
  void printsRfc4180Csv() throws Exception {
    Run run = run("readiness", "--url", url, "--format", "csv");
    assertThat(run.code).isZero();
    assertThat(run.out).contains("\r\n").startsWith(String.join(",", CsvTable.HEADER) + "\r\n");
    assertThat(run.out).contains("; note with | pipe, comma and \"\"quotes\"\"\"\r\n");
    List<CSVRecord> records =
        CSVFormat.RFC4180
            .builder()
            .setHeader()
            .setSkipHeaderRecord(true)
            .get()
            .parse(new StringReader(run.out))
            .getRecords();
    assertThat(records).hasSize(3);
    CSVRecord first = records.get(0);
    assertThat(first.get("workflow")).isEqualTo("customer-dim");
    assertThat(first.get("clean_partitions")).isEqualTo("2");
    assertThat(first.get("required_partitions")).isEqualTo("3");
    assertThat(first.get("open_breaches")).isEqualTo("1");
    assertThat(first.get("candidate_p95_ms")).isEqualTo("3900000");
    assertThat(first.get("baseline_p95_ms")).isEqualTo("1500000");
    assertThat(first.get("decided_partitions")).isEqualTo("31");
    assertThat(first.get("mismatches")).isEqualTo("2");
    assertThat(first.get("mismatch_rate_below")).isEqualTo("0.1892");
    assertThat(records.get(2).get("mismatch_rate_below")).isEmpty();
    assertThat(first.get("reasons")).endsWith("note with | pipe, comma and \"quotes\"");
    assertThat(records.get(2).get("owner")).isEmpty();
    assertThat(records.get(2).get("candidate_p95_ms")).isEmpty();
  }

  @Test
  void printsJsonWithEveryField() throws Exception {
    Run run = run("readiness", "--url", url, "--format", "JSON");
    assertThat(run.code).isZero();
    JsonNode rows = JSON.readTree(run.out);
    assertThat(rows).hasSize(3);
    JsonNode first = rows.get(0);
    assertThat(first.path("workflow").asText()).isEqualTo("customer-dim");
    assertThat(first.path("state").asText()).isEqualTo("NOT_READY");
    assertThat(first.path("cleanPartitions").asInt()).isEqualTo(2);
    assertThat(first.path("requiredPartitions").asInt()).isEqualTo(3);
    assertThat(first.path("openBreaches").get(0).asText())
        .isEqualTo("customer-dim/2026-11-14/CANDIDATE_LATE/candidate");
    assertThat(first.path("candidateP95Ms").asLong()).isEqualTo(3_900_000L);
    assertThat(first.path("durationRatio").asDouble()).isEqualTo(1.5);
    assertThat(first.path("reasons")).hasSize(4);
    assertThat(first.path("mismatchRateBelow").asDouble()).isEqualTo(0.18915);
    assertThat(rows.get(2).path("candidateP95Ms").isNull()).isTrue();
    assertThat(rows.get(2).path("mismatchRateBelow").isNull()).isTrue();
  }

  @Test
  void reportsOneWorkflow() {
    Run run = run("readiness", "--url", url + "/", "--workflow", "kpi-dashboard");
    assertThat(run.code).isZero();
    assertThat(run.out.lines().toList())
        .hasSize(3)
        .last()
        .asString()
        .startsWith("| kpi-dashboard | READY |");
  }

  @Test
  void unknownWorkflowIsOneClearLineAndExitCodeOne() {
    Run run = run("readiness", "--url", url, "--workflow", "nope");
    assertThat(run.code).isEqualTo(1);
    assertThat(run.out).isEmpty();
    assertThat(run.err.lines().toList())
        .singleElement()
        .asString()
        .contains("/v1/readiness/nope answered 404")
        .contains("neither in the inventory nor in any pair");
  }

  @Test
  void unreachableUrlIsOneClearLineAndExitCodeOne() throws Exception {
    int closed;
    try (ServerSocket s = new ServerSocket(0)) {
      closed = s.getLocalPort();
    }
    Run run = run("readiness", "--url", "http://127.0.0.1:" + closed);
    assertThat(run.code).isEqualTo(1);
    assertThat(run.out).isEmpty();
    assertThat(run.err.lines().toList())
        .singleElement()
        .asString()
        .startsWith(
            "report readiness: cannot reach http://127.0.0.1:" + closed + "/v1/readiness: ");
  }

  @Test
  void serverNotReadyIsOneClearLineAndExitCodeOne() {
    server.stop();
    server = Javalin.create(c -> c.showJavalinBanner = false);
    server.get(
        "/v1/readiness",
        ctx ->
            ctx.status(503)
                .contentType("application/json")
                .result("{\"error\":\"the reconciler is not running yet (state REBALANCING)\"}"));
    server.start("127.0.0.1", 0);
    Run run = run("readiness", "--url", "http://127.0.0.1:" + server.port());
    assertThat(run.code).isEqualTo(1);
    assertThat(run.err.strip())
        .endsWith("answered 503: the reconciler is not running yet (state REBALANCING)");
  }

  @Test
  void aServerAskingToRetryShortlyIsAskedAgain() {
    server.stop();
    server = Javalin.create(c -> c.showJavalinBanner = false);
    java.util.concurrent.atomic.AtomicInteger asked =
        new java.util.concurrent.atomic.AtomicInteger();
    server.get(
        "/v1/readiness",
        ctx -> {
          if (asked.incrementAndGet() == 1) {
            ctx.status(503)
                .header("Retry-After", "1")
                .contentType("application/json")
                .result("{\"error\":\"state is moving between instances\"}");
          } else {
            ctx.contentType("application/json").result(READINESS);
          }
        });
    server.get("/v1/workflows", ctx -> ctx.contentType("application/json").result(WORKFLOWS));
    server.start("127.0.0.1", 0);
    Run run = run("readiness", "--url", "http://127.0.0.1:" + server.port(), "--format", "csv");
    assertThat(run.code).as(run.err).isZero();
    assertThat(asked.get()).isEqualTo(2);
    assertThat(run.out).contains("customer-dim");
  }

  @Test
  void anAnswerPartlyFromCopiesThatMayLagIsPrintedWithAWarning() {
    server.stop();
    server = Javalin.create(c -> c.showJavalinBanner = false);
    server.get(
        "/v1/readiness",
        ctx ->
            ctx.header("X-Dualrun-Stale-From", "10.0.0.7:8082")
                .contentType("application/json")
                .result(READINESS));
    server.get(
        "/v1/workflows",
        ctx ->
            ctx.header("X-Dualrun-Stale-From", "10.0.0.7:8082, 10.0.0.8:8082")
                .contentType("application/json")
                .result(WORKFLOWS));
    server.start("127.0.0.1", 0);
    Run run = run("readiness", "--url", "http://127.0.0.1:" + server.port(), "--format", "csv");
    assertThat(run.code).as(run.err).isZero();
    assertThat(run.out).contains("customer-dim");
    assertThat(run.err.strip())
        .isEqualTo(
            "report readiness: warning: the pairs of 10.0.0.7:8082, 10.0.0.8:8082 were read from"
                + " copies that may lag (that instance did not answer, or a rebalance was moving"
                + " its state); ask again for an up-to-date answer");
  }

  @Test
  void protectedReadsAreAskedWithTheToken() {
    server.stop();
    server = Javalin.create(c -> c.showJavalinBanner = false);
    String token = "reader-token-0123456789";
    HttpAuth.install(
        server,
        AccessPolicy.of(List.of(new AccessToken("analyst", token, Set.of(Role.READER))), true),
        Map.of());
    server.get("/v1/readiness", ctx -> ctx.contentType("application/json").result(READINESS));
    server.get("/v1/workflows", ctx -> ctx.contentType("application/json").result(WORKFLOWS));
    server.start("127.0.0.1", 0);
    String protectedUrl = "http://127.0.0.1:" + server.port();

    Run anonymous = run("readiness", "--url", protectedUrl);
    assertThat(anonymous.code).isEqualTo(1);
    assertThat(anonymous.err).contains("401");

    Run reader = run("readiness", "--url", protectedUrl, "--token", token, "--format", "csv");
    assertThat(reader.code).as(reader.err).isZero();
    assertThat(reader.out).contains("customer-dim");
  }

  @Test
  void unknownFormatIsAUsageError() {
    Run run = run("readiness", "--url", url, "--format", "xml");
    assertThat(run.code).isEqualTo(2);
    assertThat(run.err).contains("'xml' is not a format: use md, csv or json");
  }

  private static Run run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CommandLine cli = new CommandLine(new ReportCommand());
    cli.setOut(new PrintWriter(out));
    cli.setErr(new PrintWriter(err));
    int code = cli.execute(args);
    return new Run(code, out.toString(), err.toString());
  }

  private record Run(int code, String out, String err) {}
}
