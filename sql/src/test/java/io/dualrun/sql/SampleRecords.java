package io.dualrun.sql;

import io.dualrun.schemas.avro.BreachKind;
import io.dualrun.schemas.avro.BreachState;
import io.dualrun.schemas.avro.BucketHashes;
import io.dualrun.schemas.avro.ColumnStats;
import io.dualrun.schemas.avro.ColumnType;
import io.dualrun.schemas.avro.DecisionReason;
import io.dualrun.schemas.avro.DeliveryResult;
import io.dualrun.schemas.avro.Finding;
import io.dualrun.schemas.avro.FindingKind;
import io.dualrun.schemas.avro.FreshnessBreach;
import io.dualrun.schemas.avro.Notification;
import io.dualrun.schemas.avro.NotificationAction;
import io.dualrun.schemas.avro.Outcome;
import io.dualrun.schemas.avro.OutputFingerprint;
import io.dualrun.schemas.avro.OutputSummary;
import io.dualrun.schemas.avro.RunEvent;
import io.dualrun.schemas.avro.RunStatus;
import io.dualrun.schemas.avro.Side;
import io.dualrun.schemas.avro.SideSummary;
import io.dualrun.schemas.avro.Verdict;
import io.dualrun.schemas.topic.Topic;
import io.dualrun.schemas.topic.TopicCatalog;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * A small migration of three workflows, written through the catalog's serdes; the expected rows of
 * every shipped query are worked out from these records in {@code SqlQueriesIT}.
 */
final class SampleRecords {
  static final Instant T0 = Instant.parse("2026-11-20T07:00:00Z");

  private SampleRecords() {}

  // ---------------------------------------------------------------- verdicts

  static List<Verdict> verdicts() {
    return List.of(
        verdict(
            "revenue-daily",
            "2026-11-20",
            1,
            Outcome.MISMATCH,
            600_000L,
            900_000L,
            List.of(
                finding(FindingKind.ROW_COUNT, "analytics.revenue", null, "100", "98"),
                hinted(
                    finding(FindingKind.CONTENT, "analytics.revenue", null, "0a", "0b"),
                    "amount: min and max are equal once rounded half-even to 2 decimals"))),
        verdict("revenue-daily", "2026-11-20", 2, Outcome.MATCH, 600_000L, 900_000L, List.of()),
        verdict(
            "revenue-daily",
            "2026-11-21",
            1,
            Outcome.MISMATCH,
            600_000L,
            300_000L,
            List.of(
                finding(FindingKind.ROW_COUNT, "analytics.revenue", null, "100", "97"),
                finding(FindingKind.COLUMN_STAT, "analytics.revenue", "amount", "10.5", "10.0"),
                finding(FindingKind.COLUMN_STAT, "analytics.revenue", "tax", "1.5", "1.0"),
                content(List.of("amount", "tax"), List.of("day", "region")))),
        verdict("revenue-daily", "2026-11-22", 1, Outcome.MATCH, 600_000L, 1_200_000L, List.of()),
        verdict(
            "revenue-daily",
            "2026-11-23",
            1,
            Outcome.MISMATCH,
            null,
            null,
            List.of(
                finding(FindingKind.ROW_COUNT, "analytics.revenue", null, "100", "90"),
                content(List.of("amount"), List.of("day", "region", "tax")))),
        verdict(
            "orders-hourly",
            "2026-11-21T07",
            1,
            Outcome.MISMATCH,
            60_000L,
            120_000L,
            List.of(
                finding(FindingKind.DURATION, null, null, "60000", "120000"),
                finding(FindingKind.STATUS, null, null, "SUCCEEDED", "FAILED"))),
        verdict("orders-hourly", "2026-11-21T08", 1, Outcome.MATCH, 60_000L, 30_000L, List.of()),
        verdict(
            "orders-hourly",
            "2026-11-22T01",
            1,
            Outcome.MISMATCH,
            60_000L,
            null,
            List.of(finding(FindingKind.ROW_COUNT, "sales.orders", null, "10", "0"))),
        verdict("inventory-sync", "2026-11-20", 1, Outcome.MATCH, 100_000L, 50_000L, List.of()),
        verdict(
            "inventory-sync",
            "2026-11-21",
            1,
            Outcome.MATCH_WITH_WAIVER,
            null,
            null,
            List.of(waived(finding(FindingKind.ROW_COUNT, "stock.levels", null, "50", "51")))));
  }

  private static Finding waived(Finding f) {
    f.setWaiver("w-stock-late-rows");
    return f;
  }

  /** A MATCH verdict of {@code workflow/partition} at {@code revision}. */
  static Verdict revision(String workflow, String partition, int revision) {
    return verdict(workflow, partition, revision, Outcome.MATCH, 1000L, 1000L, List.of());
  }

  static List<Verdict> mismatches() {
    return verdicts().stream().filter(v -> v.getOutcome() == Outcome.MISMATCH).toList();
  }

  private static Verdict verdict(
      String workflow,
      String partition,
      int revision,
      Outcome outcome,
      Long baselineMs,
      Long candidateMs,
      List<Finding> findings) {
    Instant decided = T0.plus(Duration.ofHours(revision));
    return Verdict.newBuilder()
        .setWorkflow(workflow)
        .setPartition(partition)
        .setRevision(revision)
        .setOutcome(outcome)
        .setPreviousOutcome(revision > 1 ? Outcome.MISMATCH : null)
        .setResolution(revision > 1 && outcome == Outcome.MATCH)
        .setReason(DecisionReason.COMPLETE)
        .setDecidedAt(decided)
        .setInventoried(true)
        .setOwner("data-eng")
        .setTier(1)
        .setBaseline(summary("cron", workflow + "-b", baselineMs, decided))
        .setCandidate(summary("airflow", workflow + "-c", candidateMs, decided))
        .setFindings(findings)
        .build();
  }

  private static SideSummary summary(String orchestrator, String runId, Long ms, Instant end) {
    return SideSummary.newBuilder()
        .setOrchestrator(orchestrator)
        .setRunId(runId)
        .setAttempt(1)
        .setStatus(RunStatus.SUCCEEDED)
        .setStartTime(ms == null ? null : end.minusMillis(ms))
        .setEndTime(end)
        .setDurationMs(ms)
        .setLogUrl("https://logs.example/" + runId)
        .setOutputs(List.of(new OutputSummary("analytics.revenue", 100L, "00ff")))
        .build();
  }

  /** A CONTENT finding on analytics.revenue naming the columns whose hashes differ and agree. */
  private static Finding content(List<String> differing, List<String> equal) {
    Finding f =
        finding(
            FindingKind.CONTENT,
            "analytics.revenue",
            differing.size() == 1 ? differing.get(0) : null,
            "0a",
            "0b");
    f.setDifferingColumns(differing);
    f.setEqualColumns(equal);
    return f;
  }

  /** {@code f} with a root-cause hint. */
  private static Finding hinted(Finding f, String hint) {
    f.setHint(hint);
    return f;
  }

  private static Finding finding(
      FindingKind kind, String output, String column, String baseline, String candidate) {
    return Finding.newBuilder()
        .setKind(kind)
        .setOutput(output)
        .setColumn(column)
        .setBaselineValue(baseline)
        .setCandidateValue(candidate)
        .setDetail(kind + " differs")
        .setBuckets(kind == FindingKind.CONTENT ? List.of(3, 7) : List.of())
        .build();
  }

  // ---------------------------------------------------------------- freshness

  static List<FreshnessBreach> freshness() {
    Instant due = T0;
    return List.of(
        breach("revenue-daily", "2026-11-21", BreachKind.CANDIDATE_LATE, BreachState.OPEN, due, 0),
        breach(
            "revenue-daily", "2026-11-21", BreachKind.CANDIDATE_LATE, BreachState.CLOSED, due, 10),
        breach("revenue-daily", "2026-11-22", BreachKind.CANDIDATE_LATE, BreachState.OPEN, due, 0),
        breach(
            "revenue-daily", "2026-11-22", BreachKind.CANDIDATE_LATE, BreachState.CLOSED, due, 90),
        breach("revenue-daily", "2026-11-23", BreachKind.SLA_MISSED, BreachState.OPEN, due, 0),
        breach(
            "orders-hourly", "2026-11-21T07", BreachKind.BASELINE_LATE, BreachState.OPEN, due, 0),
        breach(
            "orders-hourly",
            "2026-11-21T07",
            BreachKind.BASELINE_LATE,
            BreachState.CLOSED,
            due,
            400),
        breach(
            "orders-hourly", "2026-11-21T08", BreachKind.CANDIDATE_LATE, BreachState.OPEN, due, 0),
        breach(
            "orders-hourly",
            "2026-11-21T08",
            BreachKind.CANDIDATE_LATE,
            BreachState.CLOSED,
            due,
            30));
  }

  private static FreshnessBreach breach(
      String workflow,
      String partition,
      BreachKind kind,
      BreachState state,
      Instant due,
      int minutesAfterDue) {
    Side late = kind == BreachKind.BASELINE_LATE ? Side.BASELINE : Side.CANDIDATE;
    return FreshnessBreach.newBuilder()
        .setBreachId(workflow + "/" + partition + "/" + kind + "/" + late)
        .setWorkflow(workflow)
        .setPartition(partition)
        .setKind(kind)
        .setState(state)
        .setSide(late)
        .setDueTime(due)
        .setReferenceTime(kind == BreachKind.SLA_MISSED ? null : due.minus(Duration.ofMinutes(30)))
        .setObservedAt(due.plus(Duration.ofMinutes(minutesAfterDue)))
        .setInventoried(true)
        .setOwner("data-eng")
        .setTier(2)
        .setDetail(late + " is late")
        .build();
  }

  // ---------------------------------------------------------------- run events

  static final Instant PENDING_LAST_EVENT = T0.plus(Duration.ofDays(4)).plusSeconds(900);

  static List<RunEvent> runEvents() {
    Instant day4 = T0.plus(Duration.ofDays(4));
    return List.of(
        // decided pair: not pending
        event("e1", "revenue-daily", "2026-11-21", Side.BASELINE, 1, RunStatus.SUCCEEDED, T0, null),
        event(
            "e2", "revenue-daily", "2026-11-21", Side.CANDIDATE, 1, RunStatus.SUCCEEDED, T0, null),
        // pending: baseline done, candidate on its second attempt
        event("e3", "revenue-daily", "2026-11-24", Side.BASELINE, 1, RunStatus.STARTED, day4, null),
        event(
            "e4",
            "revenue-daily",
            "2026-11-24",
            Side.BASELINE,
            1,
            RunStatus.SUCCEEDED,
            day4.plusSeconds(600),
            null),
        event(
            "e5",
            "revenue-daily",
            "2026-11-24",
            Side.CANDIDATE,
            1,
            RunStatus.FAILED,
            day4.plusSeconds(300),
            null),
        event(
            "e6",
            "revenue-daily",
            "2026-11-24",
            Side.CANDIDATE,
            2,
            RunStatus.STARTED,
            PENDING_LAST_EVENT,
            null),
        // a task-level event of that attempt: not the run's status
        event(
            "e7",
            "revenue-daily",
            "2026-11-24",
            Side.CANDIDATE,
            2,
            RunStatus.FAILED,
            PENDING_LAST_EVENT.plusSeconds(60),
            "load"),
        // pending: only the baseline has run
        event(
            "e8",
            "orders-hourly",
            "2026-11-22T02",
            Side.BASELINE,
            1,
            RunStatus.SUCCEEDED,
            day4,
            null));
  }

  private static RunEvent event(
      String id,
      String workflow,
      String partition,
      Side side,
      int attempt,
      RunStatus status,
      Instant time,
      String task) {
    return RunEvent.newBuilder()
        .setEventId(id)
        .setWorkflow(workflow)
        .setPartition(partition)
        .setSide(side)
        .setOrchestrator(side == Side.BASELINE ? "cron" : "airflow")
        .setRunId(workflow + "-" + partition + "-" + side + "-" + attempt)
        .setAttempt(attempt)
        .setStatus(status)
        .setEventTime(time)
        .setTask(task)
        .setError(status == RunStatus.FAILED ? "exit code 1" : null)
        .setAttributes(Map.of("host", "worker-" + id))
        .build();
  }

  // ---------------------------------------------------------------- fingerprints, notifications

  static List<OutputFingerprint> fingerprints() {
    return List.of(
        OutputFingerprint.newBuilder()
            .setEventId("f1")
            .setWorkflow("revenue-daily")
            .setPartition("2026-11-21")
            .setSide(Side.BASELINE)
            .setRunId("r1")
            .setAttempt(1)
            .setOutput("analytics.revenue")
            .setEventTime(T0)
            .setRowCount(100L)
            .setContentHash("00000000000000ff")
            .setSchema$(List.of(new ColumnType("day", "date"), new ColumnType("amount", "decimal")))
            .setColumns(List.of(new ColumnStats("amount", 2L, "0.5", "99.5", "1050.25")))
            .setBuckets(new BucketHashes(List.of("day"), List.of(60L, 40L), List.of("aa", "bb")))
            .build(),
        OutputFingerprint.newBuilder()
            .setEventId("f2")
            .setWorkflow("revenue-daily")
            .setPartition("2026-11-21")
            .setSide(Side.CANDIDATE)
            .setRunId("r2")
            .setAttempt(1)
            .setOutput("analytics.revenue")
            .setEventTime(T0.plusSeconds(60))
            .setRowCount(97L)
            .build());
  }

  static List<Notification> notifications() {
    return List.of(
        Notification.newBuilder()
            .setNotificationId("n1")
            .setAlertId("revenue-daily/ROW_COUNT")
            .setWorkflow("revenue-daily")
            .setKind("ROW_COUNT")
            .setSeverity("critical")
            .setOwner("data-eng")
            .setReceiver("oncall-pager")
            .setReceiverType("pagerduty")
            .setAction(NotificationAction.OPEN)
            .setDelivery(DeliveryResult.DELIVERED)
            .setAttempt(1)
            .setStatusCode(202)
            .setPartitions(List.of("2026-11-21", "2026-11-23"))
            .setTime(T0.plus(Duration.ofHours(2)))
            .build(),
        Notification.newBuilder()
            .setNotificationId("n2")
            .setAlertId("revenue-daily/ROW_COUNT")
            .setWorkflow("revenue-daily")
            .setKind("ROW_COUNT")
            .setSeverity("critical")
            .setReceiver("team-slack")
            .setReceiverType("slack")
            .setAction(NotificationAction.OPEN)
            .setDelivery(DeliveryResult.FAILED)
            .setAttempt(3)
            .setError("connection refused")
            .setTime(T0.plus(Duration.ofHours(3)))
            .build());
  }

  /** A drill-down's PENDING report, then its end: 2 keys only in the baseline, 1 changed. */
  static List<io.dualrun.schemas.avro.DiffReport> diffs() {
    io.dualrun.schemas.avro.DiffReport.Builder pending =
        io.dualrun.schemas.avro.DiffReport.newBuilder()
            .setWorkflow("revenue-daily")
            .setPartition("2026-11-21")
            .setOutput("analytics.revenue")
            .setRevision(1)
            .setDrillId("d1")
            .setStatus(io.dualrun.schemas.avro.DiffStatus.PENDING)
            .setBaselineAgent("baseline:analytics.revenue")
            .setCandidateAgent("candidate:analytics.revenue")
            .setStartedAt(T0.plus(Duration.ofHours(1)))
            .setFinishedAt(T0.plus(Duration.ofHours(1)));
    io.dualrun.schemas.avro.DiffReport done =
        io.dualrun.schemas.avro.DiffReport.newBuilder(pending.build())
            .setStatus(io.dualrun.schemas.avro.DiffStatus.DIFFERENT)
            .setKeyColumns(List.of("id"))
            .setColumns(List.of("id", "amount"))
            .setOnlyInBaseline(2)
            .setChanged(1)
            .setRows(
                List.of(
                    new io.dualrun.schemas.avro.RowDifference(
                        io.dualrun.schemas.avro.RowDifferenceKind.CHANGED,
                        List.of("1042"),
                        List.of("amount"),
                        List.of("1042", "10.50"),
                        List.of("1042", "10.05")),
                    new io.dualrun.schemas.avro.RowDifference(
                        io.dualrun.schemas.avro.RowDifferenceKind.ONLY_IN_BASELINE,
                        List.of("7"),
                        List.of(),
                        List.of("7", "1.00"),
                        null)))
            .setBytesCrossed(812)
            .setFinishedAt(T0.plus(Duration.ofHours(1)).plusSeconds(9))
            .build();
    return List.of(pending.build(), done);
  }

  // ---------------------------------------------------------------- writing

  /** Writes every sample record through the catalog's serdes, keyed workflow/partition. */
  static void publish(TopicCatalog catalog, Map<String, Object> kafkaConfig) {
    send(
        catalog.runEvents(),
        kafkaConfig,
        keyed(runEvents(), r -> key(r.getWorkflow(), r.getPartition())));
    send(
        catalog.fingerprints(),
        kafkaConfig,
        keyed(fingerprints(), r -> key(r.getWorkflow(), r.getPartition())));
    send(
        catalog.verdicts(),
        kafkaConfig,
        keyed(verdicts(), r -> key(r.getWorkflow(), r.getPartition())));
    send(
        catalog.mismatches(),
        kafkaConfig,
        keyed(mismatches(), r -> key(r.getWorkflow(), r.getPartition())));
    send(
        catalog.freshness(),
        kafkaConfig,
        keyed(freshness(), r -> key(r.getWorkflow(), r.getPartition())));
    send(catalog.notifications(), kafkaConfig, keyed(notifications(), Notification::getAlertId));
    send(catalog.diffs(), kafkaConfig, keyed(diffs(), r -> key(r.getWorkflow(), r.getPartition())));
  }

  /**
   * Verdicts written in a transaction that is never committed, as by a reconciler killed between
   * writing and committing: a producer with the same transactional id then starts, which aborts it.
   * Copies of every verdict (same pair and revision) and one pair that was never decided.
   */
  static void publishAborted(TopicCatalog catalog, Map<String, Object> kafkaConfig) {
    Topic<String, Verdict> topic = catalog.verdicts();
    Map<String, Object> config = new java.util.HashMap<>(kafkaConfig);
    config.put(
        ProducerConfig.TRANSACTIONAL_ID_CONFIG, "sample-reconciler-" + java.util.UUID.randomUUID());
    List<Verdict> written = new ArrayList<>(verdicts());
    written.add(
        verdict("ghost-workflow", "2026-11-20", 1, Outcome.MISMATCH, 1000L, 1000L, List.of()));
    KafkaProducer<String, Verdict> killed =
        new KafkaProducer<>(config, topic.keySerde().serializer(), topic.valueSerde().serializer());
    killed.initTransactions();
    killed.beginTransaction();
    for (Verdict v : written) {
      killed.send(new ProducerRecord<>(topic.name(), key(v.getWorkflow(), v.getPartition()), v));
    }
    killed.flush();
    killed.close(Duration.ZERO);
    try (KafkaProducer<String, Verdict> restarted =
        new KafkaProducer<>(
            config, topic.keySerde().serializer(), topic.valueSerde().serializer())) {
      restarted.initTransactions();
    }
  }

  /** Writes one more verdict, keyed workflow/partition. */
  static void publishVerdict(TopicCatalog catalog, Map<String, Object> kafkaConfig, Verdict v) {
    send(
        catalog.verdicts(),
        kafkaConfig,
        keyed(List.of(v), r -> key(r.getWorkflow(), r.getPartition())));
  }

  static String key(String workflow, String partition) {
    return workflow + "/" + partition;
  }

  private static <V> List<Map.Entry<String, V>> keyed(
      List<V> values, java.util.function.Function<V, String> key) {
    List<Map.Entry<String, V>> out = new ArrayList<>();
    values.forEach(v -> out.add(Map.entry(key.apply(v), v)));
    return out;
  }

  private static <V> void send(
      Topic<String, V> topic, Map<String, Object> kafkaConfig, List<Map.Entry<String, V>> records) {
    Map<String, Object> config = new java.util.HashMap<>(kafkaConfig);
    config.put(ProducerConfig.ACKS_CONFIG, "all");
    config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
    try (KafkaProducer<String, V> producer =
        new KafkaProducer<>(
            config, topic.keySerde().serializer(), topic.valueSerde().serializer())) {
      for (Map.Entry<String, V> record : records) {
        producer.send(new ProducerRecord<>(topic.name(), record.getKey(), record.getValue())).get();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while writing to " + topic.name(), e);
    } catch (ExecutionException e) {
      throw new IllegalStateException("cannot write to " + topic.name() + ": " + e.getCause(), e);
    }
  }
}
