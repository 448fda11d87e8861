package io.dualrun.sql;

import static org.assertj.core.api.Assertions.assertThat;

import io.dualrun.platform.LocalPlatform;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.types.Row;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import picocli.CommandLine;

/**
 * Records written through the real broker and registry with the catalog's serdes, read back by the
 * {@code dualrun sql} code path; every shipped query returns the rows worked out from {@link
 * SampleRecords}.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SqlQueriesIT {
  private LocalPlatform platform;
  private SqlRunner runner;

  @BeforeAll
  void start() {
    platform = LocalPlatform.startEphemeral();
    SampleRecords.publish(platform.catalog(), platform.kafkaConfig());
    SampleRecords.publishAborted(platform.catalog(), platform.kafkaConfig());
    runner = SqlRunner.start(settings());
  }

  @AfterAll
  void stop() {
    try {
      if (runner != null) {
        runner.close();
      }
    } finally {
      if (platform != null) {
        platform.close();
      }
    }
  }

  private SqlSettings settings() {
    return SqlSettings.defaults().withKafka(platform.bootstrapServers(), platform.registryUrl());
  }

  @Test
  void parityRatePerWorkflowPerDay() {
    QueryResult result = single(shipped("parity_rate"));
    assertThat(result.columnNames())
        .containsExactly(
            "workflow", "partition_day", "decided", "matching", "waived", "parity_pct");
    // current verdicts: revenue-daily 20 (rev 2) MATCH, 21 MISMATCH, 22 MATCH, 23 MISMATCH;
    // orders-hourly 21T07 MISMATCH, 21T08 MATCH, 22T01 MISMATCH; inventory-sync 20 MATCH,
    // 21 MATCH_WITH_WAIVER (counted apart, and as parity)
    assertThat(text(result))
        .containsExactly(
            List.of("inventory-sync", "2026-11-20", "1", "1", "0", "100.0"),
            List.of("inventory-sync", "2026-11-21", "1", "0", "1", "100.0"),
            List.of("orders-hourly", "2026-11-21", "2", "1", "0", "50.0"),
            List.of("orders-hourly", "2026-11-22", "1", "0", "0", "0.0"),
            List.of("revenue-daily", "2026-11-20", "1", "1", "0", "100.0"),
            List.of("revenue-daily", "2026-11-21", "1", "0", "0", "0.0"),
            List.of("revenue-daily", "2026-11-22", "1", "1", "0", "100.0"),
            List.of("revenue-daily", "2026-11-23", "1", "0", "0", "0.0"));
  }

  @Test
  void theDiffsTableListsEachDrillDownsRows() {
    QueryResult result =
        single(
            "SELECT workflow, `partition`, output, status, changed, r.kind, r.`key`[1],"
                + " r.changedColumns, r.baseline[2], r.candidate[2]"
                + " FROM diffs CROSS JOIN UNNEST(`rows`) AS r (kind, `key`, changedColumns,"
                + " baseline, candidate) WHERE status <> 'PENDING' ORDER BY r.kind");
    assertThat(text(result))
        .containsExactly(
            List.of(
                "revenue-daily",
                "2026-11-21",
                "analytics.revenue",
                "DIFFERENT",
                "1",
                "CHANGED",
                "1042",
                "[\"amount\"]",
                "10.50",
                "10.05"),
            List.of(
                "revenue-daily",
                "2026-11-21",
                "analytics.revenue",
                "DIFFERENT",
                "1",
                "ONLY_IN_BASELINE",
                "7",
                "[]",
                "1.00",
                "NULL"));
  }

  @Test
  void topDifferingColumns() {
    QueryResult result = single(shipped("top_differing_columns"));
    // revenue-daily 2026-11-20's CONTENT finding was resolved by revision 2
    assertThat(result.columnNames())
        .containsExactly(
            "workflow", "output", "column", "pairs", "first_partition", "last_partition");
    assertThat(text(result))
        .containsExactly(
            List.of(
                "revenue-daily", "analytics.revenue", "amount", "2", "2026-11-21", "2026-11-23"),
            List.of("revenue-daily", "analytics.revenue", "tax", "1", "2026-11-21", "2026-11-21"));
  }

  @Test
  void topDifferingOutputs() {
    QueryResult result = single(shipped("top_differing_outputs"));
    // revenue-daily 2026-11-20 was resolved by revision 2: its findings no longer count;
    // orders-hourly 21T07 has findings without an output (DURATION, STATUS)
    assertThat(text(result))
        .containsExactly(
            List.of(
                "revenue-daily", "analytics.revenue", "CONTENT", "2", "2026-11-21", "2026-11-23"),
            List.of(
                "revenue-daily", "analytics.revenue", "ROW_COUNT", "2", "2026-11-21", "2026-11-23"),
            List.of(
                "orders-hourly",
                "sales.orders",
                "ROW_COUNT",
                "1",
                "2026-11-22T01",
                "2026-11-22T01"),
            List.of(
                "revenue-daily",
                "analytics.revenue",
                "COLUMN_STAT",
                "1",
                "2026-11-21",
                "2026-11-21"));
  }

  @Test
  void freshnessLagDistributionPerWorkflow() {
    QueryResult result = single(shipped("freshness_lag"));
    assertThat(result.columnNames())
        .containsExactly(
            "workflow",
            "breaches",
            "still_open",
            "lag_under_15m",
            "lag_15m_to_1h",
            "lag_1h_to_6h",
            "lag_over_6h",
            "avg_lag_min",
            "max_lag_min");
    // orders-hourly: closed after 400 and 30 minutes; revenue-daily: 10, 90 and one still open
    assertThat(text(result))
        .containsExactly(
            List.of("orders-hourly", "2", "0", "0", "1", "0", "1", "215.0", "400"),
            List.of("revenue-daily", "3", "1", "1", "0", "1", "0", "50.0", "90"));
  }

  @Test
  void workflowsWhoseCandidateIsSlower() {
    QueryResult result = single(shipped("slower_candidate"));
    assertThat(result.columnNames())
        .containsExactly(
            "workflow", "pairs", "slower_pairs", "baseline_avg_s", "candidate_avg_s", "ratio");
    // revenue-daily: 600/900, 600/300, 600/1200 s (2026-11-23 has no durations) -> 800/600;
    // orders-hourly: 60/120, 60/30 (22T01 has no candidate duration) -> 75/60;
    // inventory-sync: the candidate is faster -> not listed
    assertThat(text(result))
        .containsExactly(
            List.of("revenue-daily", "3", "2", "600.0", "800.0", "1.33"),
            List.of("orders-hourly", "2", "1", "60.0", "75.0", "1.25"));
  }

  @Test
  void partitionsStillPending() {
    QueryResult result = single(shipped("pending_partitions"));
    assertThat(result.columnNames())
        .containsExactly("workflow", "partition", "baseline", "candidate", "last_event_time");
    assertThat(text(result))
        .containsExactly(
            List.of("orders-hourly", "2026-11-22T02", "SUCCEEDED", "-", "2026-11-24 07:00:00.000"),
            List.of(
                "revenue-daily", "2026-11-24", "SUCCEEDED", "STARTED", "2026-11-24 07:15:00.000"));
  }

  @Test
  void runEventsReadBackWithKeyEnumsMapsAndMetadata() {
    QueryResult result =
        single(
            "SELECT pair_key, eventId, side, status, attempt, eventTime, task, error,"
                + " attributes['host'] AS host, kafka_offset >= 0 AS has_offset"
                + " FROM run_events WHERE eventId IN ('e5', 'e7') ORDER BY eventId");
    assertThat(text(result))
        .containsExactly(
            List.of(
                "revenue-daily/2026-11-24",
                "e5",
                "CANDIDATE",
                "FAILED",
                "1",
                "2026-11-24 07:05:00.000",
                "NULL",
                "exit code 1",
                "worker-e5",
                "true"),
            List.of(
                "revenue-daily/2026-11-24",
                "e7",
                "CANDIDATE",
                "FAILED",
                "2",
                "2026-11-24 07:16:00.000",
                "load",
                "exit code 1",
                "worker-e7",
                "true"));
    assertThat(text(single("SELECT COUNT(*) FROM run_events")))
        .containsExactly(List.of(String.valueOf(SampleRecords.runEvents().size())));
  }

  @Test
  void verdictsReadBackWithSideSummariesAndFindings() {
    QueryResult result =
        single(
            "SELECT revision, outcome, previousOutcome, resolution, decidedAt,"
                + " baseline.durationMs, candidate.orchestrator, candidate.outputs[1].rowCount,"
                + " CARDINALITY(findings), findings[2].kind, findings[2].`buckets`,"
                + " findings[2].hint"
                + " FROM verdicts WHERE workflow = 'revenue-daily' AND `partition` = '2026-11-20'"
                + " ORDER BY revision");
    assertThat(text(result))
        .containsExactly(
            List.of(
                "1",
                "MISMATCH",
                "NULL",
                "false",
                "2026-11-20 08:00:00.000",
                "600000",
                "airflow",
                "100",
                "2",
                "CONTENT",
                "[3,7]",
                "amount: min and max are equal once rounded half-even to 2 decimals"),
            List.of(
                "2",
                "MATCH",
                "MISMATCH",
                "true",
                "2026-11-20 09:00:00.000",
                "600000",
                "airflow",
                "100",
                "0",
                "NULL",
                "NULL",
                "NULL"));
    assertThat(text(single("SELECT COUNT(*), MIN(outcome), MAX(outcome) FROM mismatches")))
        .containsExactly(
            List.of(String.valueOf(SampleRecords.mismatches().size()), "MISMATCH", "MISMATCH"));
  }

  @Test
  void fingerprintsFreshnessAndNotificationsReadBack() {
    assertThat(
            text(
                single(
                    "SELECT eventId, side, rowCount, contentHash, `schema`[2].name,"
                        + " `columns`[1].`sum`, CASE WHEN `buckets` IS NULL THEN 'none' ELSE `buckets`.hashes[2] END, CARDINALITY(`schema`)"
                        + " FROM fingerprints ORDER BY eventId")))
        .containsExactly(
            List.of("f1", "BASELINE", "100", "00000000000000ff", "amount", "1050.25", "bb", "2"),
            List.of("f2", "CANDIDATE", "97", "NULL", "NULL", "NULL", "none", "0"));
    assertThat(
            text(
                single(
                    "SELECT kind, state, side, referenceTime FROM freshness_breaches"
                        + " WHERE breachId = 'revenue-daily/2026-11-23/SLA_MISSED/CANDIDATE'")))
        .containsExactly(List.of("SLA_MISSED", "OPEN", "CANDIDATE", "NULL"));
    assertThat(
            text(
                single(
                    "SELECT notificationId, action, delivery, statusCode, `error`, partitions,"
                        + " `time` FROM notifications ORDER BY notificationId")))
        .containsExactly(
            List.of(
                "n1",
                "OPEN",
                "DELIVERED",
                "202",
                "NULL",
                "[\"2026-11-21\",\"2026-11-23\"]",
                "2026-11-20 09:00:00.000"),
            List.of(
                "n2",
                "OPEN",
                "FAILED",
                "NULL",
                "connection refused",
                "[]",
                "2026-11-20 10:00:00.000"));
  }

  @Test
  void recordsOfAnAbortedTransactionAreNeverCounted() {
    // publishAborted wrote a copy of every verdict and a never-decided pair, then aborted them
    QueryResult result =
        single(
            "SELECT COUNT(*) AS `rows`, COUNT(DISTINCT pair_key || '#' || CAST(revision AS STRING))"
                + " AS distinct_revisions, COUNT(*) FILTER (WHERE workflow = 'ghost-workflow')"
                + " AS ghosts FROM verdicts");
    int expected = SampleRecords.verdicts().size();
    assertThat(text(result))
        .containsExactly(List.of(Integer.toString(expected), Integer.toString(expected), "0"));
  }

  @Test
  void commandPrintsCsv() {
    Run run =
        command(
            "--format",
            "csv",
            "SELECT workflow, `partition`, outcome FROM verdicts"
                + " WHERE workflow = 'orders-hourly' ORDER BY `partition`");
    assertThat(run.exitCode).as(run.err).isZero();
    assertThat(run.out)
        .isEqualTo(
            "workflow,partition,outcome\n"
                + "orders-hourly,2026-11-21T07,MISMATCH\n"
                + "orders-hourly,2026-11-21T08,MATCH\n"
                + "orders-hourly,2026-11-22T01,MISMATCH\n");
  }

  @Test
  void commandPrintsJsonLinesForEachStatementOfAFile(@org.junit.jupiter.api.io.TempDir Path dir)
      throws IOException {
    Path file = dir.resolve("two.sql");
    Files.writeString(
        file,
        "-- views and queries; a ';' in a comment is no separator\n"
            + "CREATE TEMPORARY VIEW current_revision AS\n"
            + "  SELECT workflow, MAX(revision) AS revision FROM verdicts GROUP BY workflow;\n"
            + "SELECT * FROM current_revision WHERE workflow = 'revenue-daily';\n"
            + "SELECT notificationId, statusCode, partitions FROM notifications"
            + " WHERE notificationId = 'n1';\n");
    Run run = command("--format", "json", "-f", file.toString());
    assertThat(run.exitCode).as(run.err).isZero();
    assertThat(run.out)
        .isEqualTo(
            "{\"workflow\":\"revenue-daily\",\"revision\":2}\n\n"
                + "{\"notificationId\":\"n1\",\"statusCode\":202,"
                + "\"partitions\":[\"2026-11-21\",\"2026-11-23\"]}\n");
  }

  @Test
  void commandRunsAShippedQueryFileAsATable() {
    Run run = command("-f", Path.of("queries", "slower_candidate.sql").toString());
    assertThat(run.exitCode).as(run.err).isZero();
    assertThat(run.out.lines().toList())
        .containsExactly(
            "+---------------+-------+--------------+----------------+-----------------+-------+",
            "| workflow      | pairs | slower_pairs | baseline_avg_s | candidate_avg_s | ratio |",
            "+---------------+-------+--------------+----------------+-----------------+-------+",
            "| revenue-daily |     3 |            2 |          600.0 |           800.0 |  1.33 |",
            "| orders-hourly |     2 |            1 |           60.0 |            75.0 |  1.25 |",
            "+---------------+-------+--------------+----------------+-----------------+-------+",
            "2 rows");
  }

  @Test
  void progressIsShownOnStderrOnlyAndClearedSoThatStdoutIsTheAnswerAlone() {
    String query = "SELECT COUNT(*) AS n FROM verdicts";
    String answer = "n\n" + SampleRecords.verdicts().size() + "\n";
    Run shown = command("--progress", "--format", "csv", query);
    assertThat(shown.exitCode).as(shown.err).isZero();
    assertThat(shown.out).isEqualTo(answer);
    assertThat(shown.err)
        .startsWith("\r")
        .contains("rows read")
        .containsPattern("(PLANNING|SUBMITTED|CREATED|INITIALIZING|RUNNING|FINISHED)")
        .doesNotContain("\n")
        .endsWith("\r");
    Run hidden = command("--no-progress", "--format", "csv", query);
    assertThat(hidden.out).isEqualTo(answer);
    assertThat(hidden.err).isEmpty();
    Run notATerminal = command("--format", "csv", query);
    assertThat(notATerminal.err).as("stderr is no terminal here: no progress").isEmpty();
  }

  @Test
  void badQueryIsOneClearMessageAndExitCode1() {
    Run run = command("SELECT * FROM no_such_table");
    assertThat(run.exitCode).isEqualTo(1);
    assertThat(run.out).isEmpty();
    assertThat(run.err.strip())
        .startsWith("dualrun sql: ")
        .contains("no_such_table")
        .contains("not found")
        .doesNotContain("\n")
        .doesNotContain("Exception");
  }

  // ------------------------------------------------------------------ helpers

  private record Run(int exitCode, String out, String err) {}

  private Run command(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CommandLine cli = SqlCommand.commandLine();
    cli.setOut(new PrintWriter(out));
    cli.setErr(new PrintWriter(err));
    List<String> all = new ArrayList<>();
    all.add("--bootstrap-servers=" + platform.bootstrapServers());
    all.add("--registry-url=" + platform.registryUrl());
    all.add("--parallelism=1");
    all.addAll(List.of(args));
    int code = cli.execute(all.toArray(String[]::new));
    return new Run(code, out.toString(), err.toString());
  }

  private QueryResult single(String sql) {
    List<QueryResult> results = runner.query(sql);
    assertThat(results).hasSize(1);
    return results.get(0);
  }

  private static String shipped(String name) {
    Path file = Path.of("queries", name + ".sql");
    try {
      return Files.readString(file);
    } catch (IOException e) {
      throw new AssertionError("shipped query " + file.toAbsolutePath() + " is missing", e);
    }
  }

  private List<List<String>> text(QueryResult result) {
    ValueRenderer renderer = new ValueRenderer(runner.settings().timeZone());
    List<List<String>> rows = new ArrayList<>();
    for (Row row : result.rows()) {
      List<String> cells = new ArrayList<>();
      for (int i = 0; i < result.columns().size(); i++) {
        String cell = renderer.text(row.getField(i), result.columns().get(i).type());
        cells.add(cell == null ? "NULL" : cell);
      }
      rows.add(cells);
    }
    return rows;
  }
}
