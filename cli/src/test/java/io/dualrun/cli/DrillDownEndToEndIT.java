package io.dualrun.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import io.dualrun.config.ConfigMap;
import io.dualrun.hooks.agent.AgentCommand;
import io.dualrun.hooks.agent.SideAgent;
import io.dualrun.hooks.diff.Bisection;
import io.dualrun.hooks.diff.DiffSide;
import io.dualrun.hooks.diff.Masking;
import io.dualrun.hooks.diff.SideSources;
import io.dualrun.hooks.drilldown.Coordinator;
import io.dualrun.hooks.drilldown.DrilldownCommand;
import io.dualrun.hooks.fingerprint.Databases;
import io.dualrun.hooks.fingerprint.RowEncoder;
import io.dualrun.schemas.normalise.Normalisation;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * The automatic drill-down end to end: a standalone (broker, registry, ingest, reconciler, alerting
 * with a webhook receiver), a table on a real PostgreSQL (baseline) and its copy with two rows
 * changed or gone on a real MariaDB (candidate); both sides' events and fingerprints posted to
 * ingest give a CONTENT mismatch; two agents and the coordinator then find the two rows, which end
 * in the pair's REST answer and in the CONTENT alert's text at the receiver.
 */
class DrillDownEndToEndIT {
  private static final HttpClient HTTP = HttpClient.newHttpClient();
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path dir;

  private static void load(Connection c, boolean candidate) throws Exception {
    try (c;
        Statement s = c.createStatement()) {
      s.execute("DROP TABLE IF EXISTS sales");
      s.execute("CREATE TABLE sales (id bigint, amount decimal(12,2), day varchar(10))");
      StringBuilder insert = new StringBuilder("INSERT INTO sales VALUES ");
      for (int id = 1; id <= 300; id++) {
        if (candidate && id == 41) {
          continue;
        }
        String amount = candidate && id == 17 ? "2.00" : (id % 50) + ".00";
        insert.append(id == 1 ? "" : ", ").append("(" + id + ", " + amount + ", '2026-11-20')");
      }
      s.execute(insert.toString());
      // another day's rows, which the agents' --where leaves out
      s.execute("INSERT INTO sales VALUES (9001, 5.00, '2026-11-21')");
    }
  }

  /** Both sides' content hashes, as their fingerprints of the day's rows give them. */
  private static String[] contentHashes(Databases dbs) throws Exception {
    SideSources.Reading how =
        new SideSources.Reading(
            List.of("id"), Normalisation.NONE, List.of(), Masking.NONE, true, System.err, "test");
    String where = "day = '2026-11-20'";
    try (DiffSide a =
            SideSources.open(
                "baseline",
                SideSources.of(
                    new SideSources.Options(
                        "--", dbs.postgresUrl(), "sales", null, null, where, null, null),
                    Map.of(),
                    ',',
                    1000),
                false,
                how);
        DiffSide b =
            SideSources.open(
                "candidate",
                SideSources.of(
                    new SideSources.Options(
                        "--", dbs.mariadbUrl(), "sales", null, null, where, null, null),
                    Map.of(),
                    ',',
                    1000),
                true,
                how)) {
      Bisection bisection =
          new Bisection(
              a, b, new Bisection.Limits(16, 100, Duration.ofMinutes(1)), System::nanoTime);
      bisection.run();
      long[] h = bisection.contentHashes();
      return new String[] {RowEncoder.hex(h[0]), RowEncoder.hex(h[1])};
    }
  }

  @Test
  void aContentMismatchEndsWithItsRowsInThePairsAnswerAndTheAlertText() throws Exception {
    List<JsonNode> posted = new CopyOnWriteArrayList<>();
    HttpServer webhook = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    webhook.createContext(
        "/alerts",
        exchange -> {
          posted.add(JSON.readTree(exchange.getRequestBody()));
          exchange.sendResponseHeaders(200, -1);
          exchange.close();
        });
    webhook.start();
    Path settings =
        Files.writeString(
            dir.resolve("standalone.yaml"),
            "alerting:\n  group-wait: 1s\n  tick: 200ms\n"
                + "receivers:\n  - name: hook\n    type: webhook\n    url: http://127.0.0.1:"
                + webhook.getAddress().getPort()
                + "/alerts\nroutes:\n  default: [hook]\n");
    try (Databases dbs = Databases.start();
        Standalone standalone =
            Standalones.create(
                    StandaloneConfig.onFreePorts(dir.resolve("data")), ConfigMap.load(settings))
                .start()) {
      load(dbs.postgresConnection(), false);
      load(dbs.mariadbConnection(), true);
      String[] hashes = contentHashes(dbs);
      String token = Files.readString(dir.resolve("data/auth/token")).strip();
      post(standalone, "/v1/events", events(), token);
      post(standalone, "/v1/fingerprints", fingerprints(hashes), token);
      JsonNode pair = await(standalone, token, p -> p.path("revision").asInt() > 0);
      assertThat(pair.path("outcome").asText()).isEqualTo("MISMATCH");
      assertThat(pair.path("findings").toString()).contains("CONTENT");

      String where = "day = {partition}";
      try (Running pg =
              agent(standalone, "baseline:dw.sales", "baseline", dbs.postgresUrl(), where);
          Running maria =
              agent(standalone, "candidate:dw.sales", "candidate", dbs.mariadbUrl(), where)) {
        DrilldownCommand options = new DrilldownCommand();
        // the mismatch was decided before the coordinator's first start
        new CommandLine(options).parseArgs("--agent-timeout", "10", "--from", "earliest");
        try (Coordinator coordinator =
            new Coordinator(
                standalone.platform().kafkaConfig(),
                standalone.platform().catalog(),
                options.settings(),
                Clock.systemUTC(),
                System.err)) {
          Thread thread = new Thread(coordinator, "drilldown");
          thread.start();
          assertThat(coordinator.awaitAssigned(Duration.ofSeconds(60))).isTrue();
          JsonNode drilled =
              await(
                  standalone,
                  token,
                  p ->
                      p.path("drillDowns").size() == 1
                          && p.path("drillDowns")
                              .get(0)
                              .path("status")
                              .asText()
                              .equals("DIFFERENT"));
          JsonNode report = drilled.path("drillDowns").get(0);
          assertThat(report.path("onlyInBaseline").asLong()).isEqualTo(1);
          assertThat(report.path("changed").asLong()).isEqualTo(1);
          assertThat(report.path("keyColumns").toString()).isEqualTo("[\"id\"]");

          String line =
              "Rows: dw.sales: 2 rows differ (1 only in the baseline, 1 changed):"
                  + " id 17 amount 17 → 2; id 41 only in the baseline";
          long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
          while (System.nanoTime() < deadline
              && posted.stream().noneMatch(b -> b.path("text").asText().contains(line))) {
            Thread.sleep(250);
          }
          // sent again (UPDATE) when it was out before the report; the report may also come in
          // time for the alert's first notice (OPEN), which then carries the rows itself
          assertThat(posted)
              .as("the CONTENT alert with the rows: " + posted)
              .anySatisfy(
                  b -> {
                    assertThat(b.path("kind").asText()).isEqualTo("CONTENT");
                    assertThat(b.path("text").asText()).contains(line);
                  });
          posted.stream()
              .filter(b -> b.path("kind").asText().equals("CONTENT"))
              .filter(b -> !b.path("text").asText().contains(line))
              .findFirst()
              .ifPresent(
                  before ->
                      assertThat(posted)
                          .as("a notice without the rows is followed by an UPDATE with them")
                          .anySatisfy(
                              b -> {
                                assertThat(b.path("action").asText()).isEqualTo("UPDATE");
                                assertThat(b.path("alertVersion").asLong())
                                    .isGreaterThan(before.path("alertVersion").asLong());
                                assertThat(b.path("text").asText()).contains(line);
                              }));
          coordinator.close();
          thread.join(20_000);
        }
      }
    } finally {
      webhook.stop(0);
    }
  }

  /** A running agent, as {@code dualrun agent ARGS} runs it, stopped when closed. */
  private static final class Running implements AutoCloseable {
    final SideAgent agent;
    final Thread thread;

    Running(SideAgent agent) throws InterruptedException {
      this.agent = agent;
      thread = new Thread(agent, "agent");
      thread.start();
      assertThat(agent.awaitAssigned(Duration.ofSeconds(60))).isTrue();
    }

    @Override
    public void close() throws InterruptedException {
      agent.close();
      thread.join(20_000);
    }
  }

  private static Running agent(
      Standalone standalone, String name, String side, String url, String where) throws Exception {
    AgentCommand command = new AgentCommand();
    new CommandLine(command)
        .parseArgs(
            "--name", name, "--side", side, "--key", "id", "--jdbc", url, "--table", "sales",
            "--where", where);
    return new Running(
        new SideAgent(
            name,
            standalone.platform().kafkaConfig(),
            standalone.platform().catalog(),
            command.opener(),
            Clock.systemUTC(),
            System.err));
  }

  private static String events() {
    return """
        [{"workflow":"sales-daily","partition":"2026-11-20","side":"baseline","orchestrator":"cron",
          "runId":"c1","attempt":1,"status":"SUCCEEDED","eventTime":"2026-11-21T07:10:00Z"},
         {"workflow":"sales-daily","partition":"2026-11-20","side":"candidate",
          "orchestrator":"airflow","runId":"a1","attempt":1,"status":"SUCCEEDED",
          "eventTime":"2026-11-21T07:12:00Z"}]
        """;
  }

  private static String fingerprints(String[] hashes) {
    return """
        [{"workflow":"sales-daily","partition":"2026-11-20","side":"baseline","runId":"c1",
          "attempt":1,"output":"dw.sales","eventTime":"2026-11-21T07:10:00Z","rowCount":300,
          "contentHash":"%s"},
         {"workflow":"sales-daily","partition":"2026-11-20","side":"candidate","runId":"a1",
          "attempt":1,"output":"dw.sales","eventTime":"2026-11-21T07:12:00Z","rowCount":300,
          "contentHash":"%s"}]
        """
        .formatted(hashes[0], hashes[1]);
  }

  private static void post(Standalone standalone, String path, String body, String token)
      throws Exception {
    HttpResponse<String> answer =
        HTTP.send(
            HttpRequest.newBuilder(URI.create(standalone.httpUrl() + path))
                .header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(answer.statusCode()).as(path + ": " + answer.body()).isEqualTo(202);
  }

  private static JsonNode await(
      Standalone standalone, String token, java.util.function.Predicate<JsonNode> done)
      throws Exception {
    long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
    JsonNode last = null;
    while (System.nanoTime() < deadline) {
      HttpResponse<String> answer =
          HTTP.send(
              HttpRequest.newBuilder(
                      URI.create(standalone.httpUrl() + "/v1/pairs/sales-daily/2026-11-20"))
                  .header("Authorization", "Bearer " + token)
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      if (answer.statusCode() == 200) {
        last = JSON.readTree(answer.body());
        if (done.test(last)) {
          return last;
        }
      }
      Thread.sleep(250);
    }
    throw new AssertionError("the pair did not get there; last answer: " + last);
  }
}
