package io.dualrun.alerting;

import io.dualrun.schemas.avro.BreachKind;
import io.dualrun.schemas.avro.BreachState;
import io.dualrun.schemas.avro.DecisionReason;
import io.dualrun.schemas.avro.Finding;
import io.dualrun.schemas.avro.FindingKind;
import io.dualrun.schemas.avro.FreshnessBreach;
import io.dualrun.schemas.avro.Outcome;
import io.dualrun.schemas.avro.RunStatus;
import io.dualrun.schemas.avro.Side;
import io.dualrun.schemas.avro.SideSummary;
import io.dualrun.schemas.avro.Verdict;
import java.time.Instant;
import java.util.List;

/** Reconciler records as tests feed them. */
public final class Records {
  public static final Instant T0 = Instant.parse("2026-11-20T07:05:00Z");

  private Records() {}

  public static Verdict rowCountMismatch(String workflow, String partition, int revision) {
    return verdict(workflow, partition, revision, Outcome.MISMATCH, List.of(rowCount()));
  }

  public static Finding rowCount() {
    return Finding.newBuilder()
        .setKind(FindingKind.ROW_COUNT)
        .setOutput("analytics.revenue_daily")
        .setBaselineValue("1200")
        .setCandidateValue("1187")
        .setDetail("row count differs by 13 (1.1%), tolerance 0")
        .build();
  }

  public static Verdict match(String workflow, String partition, int revision) {
    Verdict v = verdict(workflow, partition, revision, Outcome.MATCH, List.of());
    v.setPreviousOutcome(Outcome.MISMATCH);
    v.setResolution(true);
    return v;
  }

  public static Verdict verdict(
      String workflow, String partition, int revision, Outcome outcome, List<Finding> findings) {
    return Verdict.newBuilder()
        .setWorkflow(workflow)
        .setPartition(partition)
        .setRevision(revision)
        .setOutcome(outcome)
        .setReason(DecisionReason.COMPLETE)
        .setDecidedAt(T0.plusSeconds(600))
        .setInventoried(true)
        .setOwner("data-platform")
        .setTier(1)
        .setBaseline(side("cron", "cron-" + partition, RunStatus.SUCCEEDED, null, null))
        .setCandidate(
            side(
                "airflow",
                "manual__" + partition,
                RunStatus.FAILED,
                "load_revenue",
                "psycopg.errors.UniqueViolation: duplicate key"))
        .setFindings(findings)
        .build();
  }

  static SideSummary side(
      String orchestrator, String runId, RunStatus status, String task, String error) {
    return SideSummary.newBuilder()
        .setOrchestrator(orchestrator)
        .setRunId(runId)
        .setAttempt(1)
        .setStatus(status)
        .setStartTime(T0)
        .setEndTime(T0.plusSeconds(300))
        .setDurationMs(300_000L)
        .setFailedTask(task)
        .setError(error)
        .setLogUrl("http://logs.example/" + orchestrator + "/" + runId)
        .build();
  }

  public static FreshnessBreach breach(
      String workflow, String partition, BreachKind kind, BreachState state) {
    return FreshnessBreach.newBuilder()
        .setBreachId(workflow + "/" + partition + "/" + kind + "/candidate")
        .setWorkflow(workflow)
        .setPartition(partition)
        .setKind(kind)
        .setState(state)
        .setSide(Side.CANDIDATE)
        .setDueTime(T0.plusSeconds(1800))
        .setReferenceTime(T0)
        .setObservedAt(T0.plusSeconds(1800))
        .setInventoried(true)
        .setOwner("data-platform")
        .setTier(2)
        .setDetail("candidate not done 30 min after baseline")
        .build();
  }

  public static String partition(int day) {
    return String.format("2026-11-%02d", day);
  }
}
