package io.dualrun.hooks.diff;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dualrun.hooks.agent.AgentCommand;
import io.dualrun.hooks.agent.SideAgent;
import io.dualrun.hooks.drilldown.Coordinator;
import io.dualrun.hooks.drilldown.DrilldownCommand;
import io.dualrun.hooks.fingerprint.Databases;
import io.dualrun.hooks.fingerprint.RowEncoder;
import io.dualrun.platform.LocalPlatform;
import io.dualrun.schemas.avro.DecisionReason;
import io.dualrun.schemas.avro.DiffReport;
import io.dualrun.schemas.avro.DiffStatus;
import io.dualrun.schemas.avro.Finding;
import io.dualrun.schemas.avro.FindingKind;
import io.dualrun.schemas.avro.Outcome;
import io.dualrun.schemas.avro.OutputSummary;
import io.dualrun.schemas.avro.RowDifference;
import io.dualrun.schemas.avro.RunStatus;
import io.dualrun.schemas.avro.SideSummary;
import io.dualrun.schemas.avro.Verdict;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/**
 * dualrun diff through two side agents over a real broker and registry: the baseline's agent next
 * to a real PostgreSQL, the candidate's next to a real MariaDB; the diff process connects to
 * neither database, only aggregates and the differing buckets' rows cross the topics.
 */
class SideAgentsIT {
  private static Databases dbs;
  private static LocalPlatform platform;
  private String lastErr = "";

  @BeforeAll
  static void start() throws Exception {
    dbs = Databases.start();
    platform = LocalPlatform.startEphemeral();
  }

  @AfterAll
  static void stop() throws Exception {
    try {
      if (platform != null) {
        platform.close();
      }
    } finally {
      Databases.stop(dbs);
    }
  }

  /** A running agent, as {@code dualrun agent ARGS} runs it, stopped when closed. */
  private static final class Running implements AutoCloseable {
    final SideAgent agent;
    final Thread thread;

    Running(String... args) throws Exception {
      AgentCommand command = new AgentCommand();
      List<String> all = new ArrayList<>(List.of(args));
      all.addAll(
          List.of(
              "--bootstrap-servers=" + platform.bootstrapServers(),
              "--registry-url=" + platform.registryUrl()));
      CommandLine cli = new CommandLine(command);
      cli.parseArgs(all.toArray(String[]::new));
      String name = cli.getParseResult().matchedOptionValue("--name", "");
      DrillKafka topics = new DrillKafka();
      new CommandLine(topics)
          .parseArgs(
              "--bootstrap-servers=" + platform.bootstrapServers(),
              "--registry-url=" + platform.registryUrl());
      agent =
          new SideAgent(
              name,
              topics.kafka(),
              topics.catalog(),
              command.opener(),
              Clock.systemUTC(),
              System.err);
      thread = new Thread(agent, "agent-" + name);
      thread.start();
      assertThat(agent.awaitAssigned(Duration.ofSeconds(60))).as("agent assigned").isTrue();
    }

    @Override
    public void close() throws InterruptedException {
      agent.close();
      thread.join(20_000);
    }
  }

  private Running agent(String name, String side, String url, String table, String... more)
      throws Exception {
    List<String> args =
        new ArrayList<>(
            List.of(
                "--name", name, "--side", side, "--key", "id", "--jdbc", url, "--table", table));
    args.addAll(List.of(more));
    return new Running(args.toArray(String[]::new));
  }

  private record Diff(int code, JsonNode json, String err) {}

  private Diff diff(String... args) throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    DiffCommand command = new DiffCommand();
    command.out = new PrintStream(out, true, StandardCharsets.UTF_8);
    command.err = new PrintStream(err, true, StandardCharsets.UTF_8);
    List<String> all =
        new ArrayList<>(
            List.of(
                "--key",
                "id",
                "--buckets",
                "16",
                "--max-rows",
                "40",
                "--format",
                "json",
                "--bootstrap-servers=" + platform.bootstrapServers(),
                "--registry-url=" + platform.registryUrl()));
    all.addAll(List.of(args));
    int code = new CommandLine(command).execute(all.toArray(String[]::new));
    lastErr = err.toString(StandardCharsets.UTF_8);
    String text = out.toString(StandardCharsets.UTF_8);
    return new Diff(code, text.isBlank() ? null : new ObjectMapper().readTree(text), lastErr);
  }

  private static Set<String> loadPlanted(String table) throws Exception {
    List<DiffDatabasesIT.Row> baseline = DiffDatabasesIT.rows(3000, table.hashCode());
    List<DiffDatabasesIT.Row> candidate = new ArrayList<>(baseline);
    Set<String> expected = DiffDatabasesIT.plant(candidate, "id");
    DiffDatabasesIT.load(dbs.postgresConnection(), table, "varchar(8)", baseline);
    DiffDatabasesIT.load(dbs.mariadbConnection(), table, "varchar(8)", candidate);
    return expected;
  }

  @Test
  void aDiffThroughTwoAgentsFindsThePlantedRowsAndOnlyAggregatesAndThoseRowsCross()
      throws Exception {
    Set<String> expected = loadPlanted("agents_int");
    Diff local =
        diff(
            "--baseline-jdbc",
            dbs.postgresUrl(),
            "--baseline-table",
            "agents_int",
            "--candidate-jdbc",
            dbs.mariadbUrl(),
            "--candidate-table",
            "agents_int");
    try (Running pg = agent("pg-1", "baseline", dbs.postgresUrl(), "agents_int");
        Running maria = agent("maria-1", "candidate", dbs.mariadbUrl(), "agents_int")) {
      // a request that is not one: dead-lettered with its reason, the agent answers on
      try (KafkaProducer<byte[], byte[]> raw =
          new KafkaProducer<>(
              platform.kafkaConfig(),
              new org.apache.kafka.common.serialization.ByteArraySerializer(),
              new org.apache.kafka.common.serialization.ByteArraySerializer())) {
        raw.send(
                new ProducerRecord<>(
                    io.dualrun.schemas.topic.TopicCatalog.DRILL_REQUESTS,
                    "pg-1".getBytes(StandardCharsets.UTF_8),
                    "not avro".getBytes(StandardCharsets.UTF_8)))
            .get();
      }
      Diff remote = diff("--baseline-agent", "pg-1", "--candidate-agent", "maria-1");
      assertThat(pg.agent.deadLetters()).isEqualTo(1);

      assertThat(remote.code()).as(remote.err()).isEqualTo(1);
      assertThat(DiffDatabasesIT.found(remote.json())).isEqualTo(expected);
      assertThat(remote.json().path("differences"))
          .as("the same answer as the diff that reads both databases itself")
          .isEqualTo(local.json().path("differences"));
      assertThat(remote.json().path("levels")).isEqualTo(local.json().path("levels"));
      assertThat(pg.agent.answered()).isGreaterThan(2);
      assertThat(maria.agent.answered()).isGreaterThan(2);
      for (String side : List.of("baseline", "candidate")) {
        assertThat(remote.json().path("bytesSent").path(side).asLong())
            .as(side + ": answers on the topic, far less than its 3000 rows of ~30 bytes")
            .isPositive()
            .isLessThan(3000 * 30 / 5);
      }
    }
  }

  @Test
  void maskedColumnsLeaveTheAgentsOnlyAsHashesThatStillMatchEqualValues() throws Exception {
    loadPlanted("agents_masked");
    try (Running pg =
            agent("pg-m", "baseline", dbs.postgresUrl(), "agents_masked", "--mask", "note");
        Running maria =
            agent("maria-m", "candidate", dbs.mariadbUrl(), "agents_masked", "--mask", "note")) {
      Diff remote = diff("--baseline-agent", "pg-m", "--candidate-agent", "maria-m");

      assertThat(remote.code()).as(remote.err()).isEqualTo(1);
      assertThat(remote.json().path("differences").toString())
          .doesNotContain("changed 5")
          .doesNotContain("changed 777")
          .contains("hmac:");
      assertThat(DiffDatabasesIT.found(remote.json()))
          .as("the same rows differ, masked or not")
          .hasSize(6);
    }
  }

  @Test
  void anAgentThatDoesNotAnswerIsNamedAfterTheTimeout() throws Exception {
    try (Running pg = agent("pg-alone", "baseline", dbs.postgresUrl(), "agents_int")) {
      Diff d =
          diff(
              "--baseline-agent",
              "pg-alone",
              "--candidate-agent",
              "nobody",
              "--agent-timeout",
              "3");
      assertThat(d.code()).isEqualTo(2);
      assertThat(d.err())
          .contains("the candidate agent 'nobody' did not answer within 3 s")
          .contains("dualrun agent --name nobody");
    }
  }

  @Test
  void rulesGivenToTheDiffWithAnAgentSideAreRefused() throws Exception {
    Diff d = diff("--baseline-agent", "x", "--candidate-agent", "y", "--mask", "note");
    assertThat(d.code()).isEqualTo(2);
    assertThat(d.err()).contains("an agent applies its own (give them to dualrun agent)");
  }

  private static SideSummary side(String output, String contentHash) {
    return SideSummary.newBuilder()
        .setOrchestrator("o")
        .setRunId("r")
        .setAttempt(1)
        .setStatus(RunStatus.SUCCEEDED)
        .setOutputs(List.of(new OutputSummary(output, 3000L, contentHash)))
        .build();
  }

  private static Verdict contentMismatch(
      String workflow, String partition, String output, String baselineHash, String candidateHash) {
    return Verdict.newBuilder()
        .setWorkflow(workflow)
        .setPartition(partition)
        .setRevision(1)
        .setOutcome(Outcome.MISMATCH)
        .setReason(DecisionReason.COMPLETE)
        .setDecidedAt(Instant.now())
        .setInventoried(true)
        .setBaseline(side(output, baselineHash))
        .setCandidate(side(output, candidateHash))
        .setFindings(
            List.of(
                Finding.newBuilder()
                    .setKind(FindingKind.CONTENT)
                    .setOutput(output)
                    .setDetail("Output " + output + " has different content on the candidate")
                    .build()))
        .build();
  }

  /** The content hashes of both tables, as their fingerprints would give them. */
  private static String[] contentHashes(String table) throws Exception {
    SideSources.Reading how =
        new SideSources.Reading(
            List.of("id"),
            io.dualrun.schemas.normalise.Normalisation.NONE,
            List.of(),
            Masking.NONE,
            true,
            System.err,
            "test");
    try (DiffSide a =
            SideSources.open(
                "baseline",
                SideSources.of(
                    new SideSources.Options(
                        "--", dbs.postgresUrl(), table, null, null, null, null, null),
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
                        "--", dbs.mariadbUrl(), table, null, null, null, null, null),
                    Map.of(),
                    ',',
                    1000),
                true,
                how)) {
      Bisection bisection =
          new Bisection(
              a, b, new Bisection.Limits(16, 40, Duration.ofMinutes(1)), System::nanoTime);
      bisection.run();
      long[] h = bisection.contentHashes();
      return new String[] {RowEncoder.hex(h[0]), RowEncoder.hex(h[1])};
    }
  }

  @Test
  void aContentMismatchIsDrilledIntoThroughTheAgentsAndTheRowsPublished() throws Exception {
    Set<String> expected = loadPlanted("agents_auto");
    String[] hashes = contentHashes("agents_auto");
    String where = "{partition} IN ('2026-11-05', '2026-11-06') AND {workflow} = 'wf-auto'";
    DrilldownCommand options = new DrilldownCommand();
    new CommandLine(options)
        .parseArgs("--agent-timeout", "5", "--buckets", "16", "--max-rows", "40");
    Map<String, Object> kafka = new HashMap<>(platform.kafkaConfig());
    try (Running pg =
            agent(
                "baseline:dw.agents_auto",
                "baseline",
                dbs.postgresUrl(),
                "agents_auto",
                "--where",
                where);
        Running maria =
            agent(
                "candidate:dw.agents_auto",
                "candidate",
                dbs.mariadbUrl(),
                "agents_auto",
                "--where",
                where);
        Coordinator coordinator =
            new Coordinator(
                kafka,
                platform.catalog(),
                options.settings(),
                java.time.Clock.systemUTC(),
                System.err)) {
      Thread thread = new Thread(coordinator, "drilldown");
      thread.start();
      assertThat(coordinator.awaitAssigned(Duration.ofSeconds(60))).isTrue();
      try (KafkaProducer<String, Verdict> producer =
          new KafkaProducer<>(
              platform.kafkaConfig(),
              platform.catalog().mismatches().keySerde().serializer(),
              platform.catalog().mismatches().valueSerde().serializer())) {
        for (Verdict v :
            List.of(
                contentMismatch("wf-auto", "2026-11-05", "dw.agents_auto", hashes[0], hashes[1]),
                contentMismatch(
                    "wf-auto", "2026-11-06", "dw.agents_auto", "0123456789abcdef", hashes[1]),
                contentMismatch("wf-auto", "2026-11-07", "dw.no_agents", null, null))) {
          producer
              .send(
                  new ProducerRecord<>(
                      platform.catalog().mismatches().name(),
                      v.getWorkflow() + "/" + v.getPartition(),
                      v))
              .get();
        }
      }
      Map<String, DiffReport> reports = awaitReports(3, "wf-auto/");
      coordinator.close();
      thread.join(20_000);

      DiffReport found = reports.get("wf-auto/2026-11-05");
      assertThat(found.getStatus())
          .as(String.valueOf(found.getMessage()))
          .isEqualTo(DiffStatus.DIFFERENT);
      assertThat(found.getOutput()).isEqualTo("dw.agents_auto");
      assertThat(found.getKeyColumns()).containsExactly("id");
      assertThat(found.getOnlyInBaseline()).isEqualTo(2);
      assertThat(found.getOnlyInCandidate()).isEqualTo(1);
      assertThat(found.getChanged()).isEqualTo(3);
      Set<String> rows = new TreeSet<>();
      for (RowDifference r : found.getRows()) {
        String kind =
            switch (r.getKind()) {
              case ONLY_IN_BASELINE -> "only-in-baseline";
              case ONLY_IN_CANDIDATE -> "only-in-candidate";
              case CHANGED -> "changed";
            };
        StringBuilder line = new StringBuilder(kind).append(' ').append(r.getKey());
        r.getChangedColumns().forEach(c -> line.append(' ').append(c));
        rows.add(line.toString());
        if (r.getKind() == io.dualrun.schemas.avro.RowDifferenceKind.CHANGED) {
          assertThat(r.getBaseline()).isNotEqualTo(r.getCandidate());
        }
      }
      assertThat(rows).isEqualTo(expected);
      assertThat(found.getBytesCrossed()).isPositive().isLessThan(2 * 3000 * 30 / 5);

      DiffReport moved = reports.get("wf-auto/2026-11-06");
      assertThat(moved.getStatus()).isEqualTo(DiffStatus.CHANGED);
      assertThat(moved.getMessage())
          .contains("the baseline's rows changed since its fingerprint")
          .contains("0123456789abcdef then, " + hashes[0] + " now");
      assertThat(moved.getRows()).isEmpty();

      DiffReport lonely = reports.get("wf-auto/2026-11-07");
      assertThat(lonely.getStatus()).isEqualTo(DiffStatus.TIMED_OUT);
      assertThat(lonely.getMessage())
          .contains("the baseline agent 'baseline:dw.no_agents' did not answer within 5 s");
    }
  }

  @Test
  void aFirstStartFromATimeDrillsIntoTheMismatchesFromThatTimeOnly() throws Exception {
    Instant from = Instant.now().minus(Duration.ofMinutes(30));
    try (KafkaProducer<String, Verdict> producer =
        new KafkaProducer<>(
            platform.kafkaConfig(),
            platform.catalog().mismatches().keySerde().serializer(),
            platform.catalog().mismatches().valueSerde().serializer())) {
      for (String[] v :
          List.of(
              new String[] {"2026-11-08", "" + from.minus(Duration.ofHours(1)).toEpochMilli()},
              new String[] {"2026-11-09", "" + Instant.now().toEpochMilli()})) {
        Verdict verdict = contentMismatch("wf-from", v[0], "dw.from_time", null, null);
        producer
            .send(
                new ProducerRecord<>(
                    platform.catalog().mismatches().name(),
                    null,
                    Long.parseLong(v[1]),
                    "wf-from/" + v[0],
                    verdict))
            .get();
      }
    }
    DrilldownCommand options = new DrilldownCommand();
    new CommandLine(options)
        .parseArgs(
            "--agent-timeout",
            "2",
            "--from",
            from.toString(),
            "--output",
            "dw.from_time",
            "--group",
            "dualrun-drilldown-from-" + java.util.UUID.randomUUID());
    try (Coordinator coordinator =
        new Coordinator(
            new HashMap<>(platform.kafkaConfig()),
            platform.catalog(),
            options.settings(),
            java.time.Clock.systemUTC(),
            System.err)) {
      Thread thread = new Thread(coordinator, "drilldown-from");
      thread.start();
      Map<String, List<DiffStatus>> seen = new HashMap<>();
      try (KafkaConsumer<String, DiffReport> consumer = diffsFromTheStart()) {
        long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
        while (!seen.getOrDefault("wf-from/2026-11-09", List.of()).contains(DiffStatus.TIMED_OUT)
            && System.nanoTime() < deadline) {
          for (ConsumerRecord<String, DiffReport> r : consumer.poll(Duration.ofMillis(500))) {
            seen.computeIfAbsent(r.key(), k -> new ArrayList<>()).add(r.value().getStatus());
          }
        }
      }
      coordinator.close();
      thread.join(20_000);
      assertThat(seen.get("wf-from/2026-11-09"))
          .as("the mismatch written after --from, drilled (no agents: timed out)")
          .containsExactly(DiffStatus.PENDING, DiffStatus.TIMED_OUT);
      assertThat(seen)
          .as("the mismatch written before --from: not drilled")
          .doesNotContainKey("wf-from/2026-11-08");
    }
  }

  /**
   * The latest report per pair (whose key starts with {@code prefix}: other tests write there too)
   * on dualrun.diffs.v1, once {@code n} pairs have one that ends their drill-down; each preceded by
   * a PENDING one.
   */
  private static Map<String, DiffReport> awaitReports(int n, String prefix) {
    Map<String, DiffReport> reports = new HashMap<>();
    try (KafkaConsumer<String, DiffReport> consumer = diffsFromTheStart()) {
      long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
      Set<String> pending = new TreeSet<>();
      while (ended(reports) < n && System.nanoTime() < deadline) {
        for (ConsumerRecord<String, DiffReport> r : consumer.poll(Duration.ofMillis(500))) {
          if (!r.key().startsWith(prefix)) {
            continue;
          }
          if (r.value().getStatus() == DiffStatus.PENDING) {
            pending.add(r.key());
          } else {
            assertThat(pending).as("PENDING before the end of " + r.key()).contains(r.key());
          }
          reports.put(r.key(), r.value());
        }
      }
    }
    assertThat(ended(reports)).as("ended drill-downs on dualrun.diffs.v1: " + reports).isEqualTo(n);
    return reports;
  }

  /** A reader of every committed report on dualrun.diffs.v1, from the first. */
  private static KafkaConsumer<String, DiffReport> diffsFromTheStart() {
    Map<String, Object> config = new HashMap<>(platform.kafkaConfig());
    config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    KafkaConsumer<String, DiffReport> consumer =
        new KafkaConsumer<>(
            config,
            platform.catalog().diffs().keySerde().deserializer(),
            platform.catalog().diffs().valueSerde().deserializer());
    List<TopicPartition> partitions = new ArrayList<>();
    consumer
        .partitionsFor(platform.catalog().diffs().name())
        .forEach(p -> partitions.add(new TopicPartition(p.topic(), p.partition())));
    consumer.assign(partitions);
    consumer.seekToBeginning(partitions);
    return consumer;
  }

  private static long ended(Map<String, DiffReport> reports) {
    return reports.values().stream().filter(r -> r.getStatus() != DiffStatus.PENDING).count();
  }

  private static java.net.http.HttpResponse<String> get(int port, String path) throws Exception {
    return java.net.http.HttpClient.newHttpClient()
        .send(
            java.net.http.HttpRequest.newBuilder(
                    java.net.URI.create("http://127.0.0.1:" + port + path))
                .build(),
            java.net.http.HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void anAgentIsHostedAsEveryServiceWithHealthReadyAndMetrics() throws Exception {
    AgentCommand command = new AgentCommand();
    new CommandLine(command)
        .parseArgs(
            "--name",
            "pg-hosted",
            "--side",
            "baseline",
            "--key",
            "id",
            "--jdbc",
            dbs.postgresUrl(),
            "--table",
            "agents_int");
    SideAgent agent =
        new SideAgent(
            "pg-hosted",
            platform.kafkaConfig(),
            platform.catalog(),
            command.opener(),
            Clock.systemUTC(),
            System.err);
    io.dualrun.service.lifecycle.ServiceHost host =
        io.dualrun.hooks.host.WorkerService.start(
            "agent",
            agent,
            "answers",
            agent::answered,
            platform.kafkaConfig(),
            platform.catalog().drillAnswers().name(),
            platform.registryUrl(),
            "127.0.0.1",
            0);
    int port = host.port();
    try {
      assertThat(agent.awaitAssigned(Duration.ofSeconds(60))).isTrue();
      var health = get(host.port(), "/health");
      assertThat(health.statusCode()).isEqualTo(200);
      assertThat(health.body()).contains("\"worker\":\"RUNNING\"").contains("\"answers\":0");
      var ready = get(host.port(), "/ready");
      assertThat(ready.statusCode()).as(ready.body()).isEqualTo(200);
      assertThat(get(host.port(), "/metrics").body()).contains("dualrun_agent_answers_total");
    } finally {
      host.close();
    }
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> get(port, "/health"))
        .as("stopped: nothing listens any more")
        .isInstanceOf(java.io.IOException.class);
  }
}
