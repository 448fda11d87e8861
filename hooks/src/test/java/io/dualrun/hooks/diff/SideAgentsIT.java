package io.dualrun.hooks.diff;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dualrun.hooks.agent.AgentCommand;
import io.dualrun.hooks.agent.SideAgent;
import io.dualrun.hooks.fingerprint.Databases;
import io.dualrun.platform.LocalPlatform;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
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
      Diff remote = diff("--baseline-agent", "pg-1", "--candidate-agent", "maria-1");

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
}
