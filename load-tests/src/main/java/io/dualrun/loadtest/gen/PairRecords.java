package io.dualrun.loadtest.gen;

import io.dualrun.schemas.avro.RunEvent;
import io.dualrun.schemas.avro.RunStatus;
import io.dualrun.schemas.avro.Side;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;

/**
 * The records of one pair, timed. Runs of partition D happen on D+1 from 02:00 UTC: both sides
 * start within minutes of each other and take 20 to 30 minutes, so a clean pair is complete long
 * before any grace (1h), settle (3h) or SLA deadline (06:00). Faults and noise bend this timeline.
 */
final class PairRecords {
  private static final long MINUTE = 60_000L;
  private static final List<String> TASKS = List.of("extract", "transform", "load");

  /** One attempt of one side. */
  record Run(String workflow, String partition, Side side, String runId, int attempt) {}

  private final PairPlan plan;
  private final Random rnd;
  private final long seqBase;
  private final List<Timed> out = new ArrayList<>();
  private int local;

  private PairRecords(PairPlan plan, long seqBase) {
    this.plan = plan;
    this.rnd = new Random(plan.seed());
    this.seqBase = seqBase;
  }

  /** The pair's records; {@code seqBase} orders records that share a send time. */
  static List<Timed> build(PairPlan plan, long seqBase) {
    PairRecords p = new PairRecords(plan, seqBase);
    p.generate();
    return p.out;
  }

  private void generate() {
    long day0 = plan.day().plusDays(1).atStartOfDay().toInstant(ZoneOffset.UTC).toEpochMilli();
    long sb = day0 + (120 + rnd.nextInt(11)) * MINUTE;
    long db = (20 + rnd.nextInt(11)) * MINUTE;
    long sc = sb + (rnd.nextInt(11) - 5) * MINUTE;
    long dc = (long) (db * (0.9 + rnd.nextDouble() * 0.2));
    Fingerprints.Facts facts = Fingerprints.baselineFacts(rnd);
    long summaryRows = 10_000 + rnd.nextInt(90_000);
    int changedBucket = rnd.nextInt(Fingerprints.BUCKETS);
    Fault f = plan.fault();
    if (plan.retrySide() != null) {
      retried(sb, db, facts, summaryRows);
      return;
    }
    switch (f) {
      case DURATION -> {
        sc = sb;
        dc = (long) (db * 2.2);
      }
      case CANDIDATE_LATE -> sc = sb + db + 70 * MINUTE;
      case BASELINE_LATE -> sb = sc + dc + 70 * MINUTE;
      case SLA_MISSED -> sc = day0 + (380 + rnd.nextInt(6)) * MINUTE;
      default -> {}
    }
    side(Side.BASELINE, 1, sb, db, RunStatus.SUCCEEDED, facts, summaryRows, true);
    candidate(sc, dc, facts, summaryRows, changedBucket);
    duplicate();
  }

  private void candidate(
      long sc, long dc, Fingerprints.Facts facts, long summaryRows, int changedBucket) {
    Fault f = plan.fault();
    switch (f) {
      case CANDIDATE_ABSENT -> {}
      case STATUS_SKIPPED -> event(run(Side.CANDIDATE, 1), RunStatus.SKIPPED, null, sc, null, sc);
      case STATUS_FAILED -> failed(run(Side.CANDIDATE, 1), sc, dc);
      default -> {
        Fingerprints.Facts cf = Fingerprints.candidateFacts(facts, f, changedBucket);
        long rows = Fingerprints.candidateSummary(summaryRows, f, plan.withinTolerance());
        side(Side.CANDIDATE, 1, sc, dc, RunStatus.SUCCEEDED, cf, rows, f != Fault.OUTPUT_MISSING);
      }
    }
  }

  /**
   * Retry noise: the retried side's attempt 1 fails early, attempt 2 matches before the other ends.
   */
  private void retried(long start, long d, Fingerprints.Facts facts, long summaryRows) {
    Side retried = Fingerprints.side(plan.retrySide());
    Side other = retried == Side.BASELINE ? Side.CANDIDATE : Side.BASELINE;
    Run first = run(retried, 1);
    event(first, RunStatus.STARTED, null, start, null, start);
    event(
        first,
        RunStatus.FAILED,
        "extract",
        start + 4 * MINUTE,
        "connection reset by peer",
        start + 4 * MINUTE);
    event(
        first,
        RunStatus.FAILED,
        null,
        start + 5 * MINUTE,
        "task extract failed",
        start + 5 * MINUTE);
    long rows = Fingerprints.candidateSummary(summaryRows, Fault.NONE, plan.withinTolerance());
    side(
        retried,
        2,
        start + 6 * MINUTE,
        d,
        RunStatus.SUCCEEDED,
        facts,
        retried == Side.BASELINE ? summaryRows : rows,
        true);
    side(
        other,
        1,
        start + 10 * MINUTE,
        d + 5 * MINUTE,
        RunStatus.SUCCEEDED,
        facts,
        other == Side.BASELINE ? summaryRows : rows,
        true);
    duplicate();
  }

  private void failed(Run run, long start, long d) {
    event(run, RunStatus.STARTED, null, start, null, start);
    event(run, RunStatus.SUCCEEDED, "extract", start + d / 4, null, start + d / 4);
    String error = "division by zero in transform";
    event(run, RunStatus.FAILED, "transform", start + d / 2, error, start + d / 2);
    event(run, RunStatus.FAILED, null, start + d / 2 + 1000, error, start + d / 2 + 1000);
  }

  private void side(
      Side side,
      int attempt,
      long start,
      long d,
      RunStatus status,
      Fingerprints.Facts facts,
      long summaryRows,
      boolean withSummary) {
    Run run = run(side, attempt);
    boolean reorder = plan.reordered() && side == Side.CANDIDATE;
    long end = start + d;
    long firstTask = start + d / 4;
    event(run, RunStatus.STARTED, null, start, null, reorder ? firstTask + 1000 : start);
    for (int i = 0; i < TASKS.size(); i++) {
      long t = start + d * (i + 1) / 4;
      event(run, RunStatus.SUCCEEDED, TASKS.get(i), t, null, t);
    }
    event(run, status, null, end, null, end);
    long fpSend = reorder ? end - 1500 : end + 1000;
    Instant at = Instant.ofEpochMilli(end + 1000);
    add(
        fpSend,
        Fingerprints.facts(run, plan.workflow().factsOutput(), facts, at, id(run, "facts")));
    if (withSummary) {
      add(
          fpSend + 1,
          Fingerprints.summary(
              run,
              plan.workflow().summaryOutput(),
              summaryRows,
              at.plusSeconds(1),
              id(run, "summary")));
    }
  }

  private void event(Run run, RunStatus status, String task, long at, String error, long sendAt) {
    RunEvent e =
        RunEvent.newBuilder()
            .setEventId(id(run, status + "/" + (task == null ? "-" : task)))
            .setWorkflow(run.workflow())
            .setPartition(run.partition())
            .setSide(run.side())
            .setOrchestrator(run.side() == Side.BASELINE ? "cron" : "airflow")
            .setRunId(run.runId())
            .setAttempt(run.attempt())
            .setStatus(status)
            .setEventTime(Instant.ofEpochMilli(at))
            .setTask(task)
            .setError(error)
            .setLogUrl(error == null ? null : "https://logs.example/" + run.runId())
            .setAttributes(Map.of("generator", "load-tests"))
            .build();
    add(sendAt, e);
  }

  /** Duplicate noise: the baseline's run-level terminal event once more, ten minutes later. */
  private void duplicate() {
    if (!plan.duplicated()) {
      return;
    }
    for (Timed t : List.copyOf(out)) {
      if (t.isEvent()
          && t.event().getSide() == Side.BASELINE
          && t.event().getTask() == null
          && t.event().getStatus() != RunStatus.STARTED
          && t.event().getStatus() != RunStatus.FAILED) {
        add(
            t.event().getEventTime().toEpochMilli() + 10 * MINUTE,
            RunEvent.newBuilder(t.event()).build());
        return;
      }
    }
  }

  private Run run(Side side, int attempt) {
    String prefix = side == Side.BASELINE ? "cron" : "af";
    return new Run(
        plan.workflow().id(),
        plan.partition(),
        side,
        prefix + "-" + plan.workflow().id() + "-" + plan.partition() + "-" + attempt,
        attempt);
  }

  private String id(Run run, String what) {
    String name = plan.key() + "|" + run.side() + "|" + run.attempt() + "|" + what;
    return UUID.nameUUIDFromBytes(name.getBytes(StandardCharsets.UTF_8)).toString();
  }

  private void add(long sendAt, org.apache.avro.specific.SpecificRecord r) {
    out.add(new Timed(sendAt, seqBase + local++, r));
  }
}
