package io.dualrun.platform;

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
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** Realistic records of every type, every field set. */
final class PlatformSampleRecords {
  static final String WORKFLOW = "revenue-daily";
  static final String PARTITION = "2026-11-20";
  static final String KEY = WORKFLOW + "/" + PARTITION;
  private static final Instant T0 = Instant.parse("2026-11-21T07:05:00.123Z");

  private PlatformSampleRecords() {}

  static RunEvent runEvent(int n) {
    return RunEvent.newBuilder()
        .setEventId("evt-" + n)
        .setWorkflow(WORKFLOW)
        .setPartition(PARTITION)
        .setSide(Side.CANDIDATE)
        .setOrchestrator("airflow")
        .setRunId("scheduled__2026-11-20T07:00:00+00:00")
        .setAttempt(2)
        .setStatus(RunStatus.FAILED)
        .setEventTime(T0.plusSeconds(n))
        .setTask("load_revenue")
        .setError("psycopg2.errors.DiskFull: could not extend file")
        .setLogUrl("https://airflow.example.com/log?dag_id=revenue_daily&try=2")
        .setAttributes(Map.of("dag_id", "revenue_daily", "pool", "etl"))
        .build();
  }

  static OutputFingerprint fingerprint() {
    return OutputFingerprint.newBuilder()
        .setEventId("fp-1")
        .setWorkflow(WORKFLOW)
        .setPartition(PARTITION)
        .setSide(Side.BASELINE)
        .setRunId("cron-20261121-0705")
        .setAttempt(1)
        .setOutput("analytics.revenue_daily")
        .setEventTime(T0.plusSeconds(600))
        .setRowCount(1_204_332L)
        .setContentHash("9f3a2c71d04be8a1")
        .setSchema$(
            List.of(
                new ColumnType("region", "text"),
                new ColumnType("revenue", "decimal"),
                new ColumnType("day", "date")))
        .setColumns(
            List.of(
                new ColumnStats("region", 0L, "APAC", "NA", null),
                new ColumnStats("revenue", 12L, "0.00", "99812.55", "48211933.17")))
        .setBuckets(
            new BucketHashes(
                List.of("region", "day"),
                List.of(602_166L, 602_166L),
                List.of("1a2b3c4d5e6f7081", "8f7e6d5c4b3a2910")))
        .build();
  }

  static Verdict verdict() {
    SideSummary baseline =
        SideSummary.newBuilder()
            .setOrchestrator("cron")
            .setRunId("cron-20261121-0705")
            .setAttempt(1)
            .setStatus(RunStatus.SUCCEEDED)
            .setStartTime(T0)
            .setEndTime(T0.plusSeconds(540))
            .setDurationMs(540_000L)
            .setFailedTask(null)
            .setError(null)
            .setLogUrl("file:///var/log/cron/revenue-daily.log")
            .setOutputs(
                List.of(
                    new OutputSummary("analytics.revenue_daily", 1_204_332L, "9f3a2c71d04be8a1")))
            .build();
    SideSummary candidate =
        SideSummary.newBuilder(baseline)
            .setOrchestrator("airflow")
            .setRunId("scheduled__2026-11-20T07:00:00+00:00")
            .setAttempt(2)
            .setDurationMs(910_000L)
            .setEndTime(T0.plusSeconds(910))
            .setFailedTask("load_revenue")
            .setError("timeout")
            .setLogUrl("https://airflow.example.com/log?try=2")
            .setOutputs(
                List.of(
                    new OutputSummary("analytics.revenue_daily", 1_204_330L, "77aa0c71d04be8a1")))
            .build();
    return Verdict.newBuilder()
        .setWorkflow(WORKFLOW)
        .setPartition(PARTITION)
        .setRevision(3)
        .setOutcome(Outcome.MISMATCH)
        .setPreviousOutcome(Outcome.MATCH)
        .setResolution(false)
        .setReason(DecisionReason.SETTLED)
        .setDecidedAt(T0.plusSeconds(1200))
        .setInventoried(true)
        .setOwner("team-finance")
        .setTier(1)
        .setBaseline(baseline)
        .setCandidate(candidate)
        .setFindings(
            List.of(
                new Finding(
                    FindingKind.ROW_COUNT,
                    "analytics.revenue_daily",
                    null,
                    "1204332",
                    "1204330",
                    "candidate has 2 rows fewer",
                    List.of(),
                    null,
                    List.of(),
                    List.of(),
                    null),
                new Finding(
                    FindingKind.CONTENT,
                    "analytics.revenue_daily",
                    "revenue",
                    "9f3a2c71d04be8a1",
                    "77aa0c71d04be8a1",
                    "revenue differs; 5 other columns equal (2 of 64 buckets differ)",
                    List.of(7, 41),
                    null,
                    List.of("revenue"),
                    List.of("currency", "day", "orders", "region", "refunds"),
                    "revenue: min and max are equal once rounded half-even to 2 decimals, the"
                        + " candidate keeping 4 decimals where the baseline keeps 2: min 0.2501 on"
                        + " the candidate against 0.25. Rule that would accept it: normalise:"
                        + " {revenue: {scale: 2}} (dualrun fingerprint --normalise"
                        + " revenue:scale=2).")))
        .build();
  }

  static FreshnessBreach breach() {
    return FreshnessBreach.newBuilder()
        .setBreachId(KEY + "/CANDIDATE_LATE/candidate")
        .setWorkflow(WORKFLOW)
        .setPartition(PARTITION)
        .setKind(BreachKind.CANDIDATE_LATE)
        .setState(BreachState.OPEN)
        .setSide(Side.CANDIDATE)
        .setDueTime(T0.plusSeconds(1800))
        .setReferenceTime(T0.plusSeconds(540))
        .setObservedAt(T0.plusSeconds(1801))
        .setInventoried(true)
        .setOwner("team-finance")
        .setTier(1)
        .setDetail("baseline finished at 07:14, candidate not terminal by 07:35")
        .build();
  }

  static Notification notification() {
    return Notification.newBuilder()
        .setNotificationId("ntf-42")
        .setAlertId(WORKFLOW + "/CONTENT")
        .setWorkflow(WORKFLOW)
        .setKind("CONTENT")
        .setSeverity("critical")
        .setOwner("team-finance")
        .setReceiver("finance-pagerduty")
        .setReceiverType("pagerduty")
        .setAction(NotificationAction.OPEN)
        .setDelivery(DeliveryResult.FAILED)
        .setAttempt(3)
        .setStatusCode(503)
        .setError("Service Unavailable")
        .setPartitions(List.of("2026-11-19", PARTITION))
        .setTime(T0.plusSeconds(1900))
        .build();
  }
}
