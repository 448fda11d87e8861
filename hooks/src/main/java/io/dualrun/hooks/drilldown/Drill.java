package io.dualrun.hooks.drilldown;

import io.dualrun.hooks.diff.Bisection;
import io.dualrun.hooks.diff.DiffResult;
import io.dualrun.hooks.diff.DiffSide;
import io.dualrun.hooks.diff.KafkaSide;
import io.dualrun.hooks.fingerprint.RowEncoder;
import io.dualrun.schemas.avro.DiffReport;
import io.dualrun.schemas.avro.DiffStatus;
import io.dualrun.schemas.avro.Verdict;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.function.Consumer;

/**
 * One output's drill-down, from its verdict to its report: never throws, what went wrong is the
 * report's status. The sides come from {@link Sides} (agents over Kafka when the coordinator runs).
 */
final class Drill {
  /** Opens one side of a drill-down. */
  @FunctionalInterface
  interface Sides {
    DiffSide open(String side, String agent, String drillId, Verdict verdict) throws Exception;
  }

  private final Coordinator.Settings settings;
  private final Clock clock;
  private final Sides sides;

  Drill(Coordinator.Settings settings, Clock clock, Sides sides) {
    this.settings = settings;
    this.clock = clock;
    this.sides = sides;
  }

  DiffReport run(Verdict v, Targets.Target t, Consumer<DiffReport> announce) {
    String w = v.getWorkflow();
    String baselineAgent =
        Targets.agentName(settings.agentNameTemplate(), "baseline", t.output(), w);
    String candidateAgent =
        Targets.agentName(settings.agentNameTemplate(), "candidate", t.output(), w);
    String drillId = UUID.randomUUID().toString();
    Instant started = clock.instant();
    Reports.Drill d = drill(v, t, drillId, baselineAgent, candidateAgent, List.of(), started);
    announce.accept(Reports.pending(d, clock.instant()));
    try (DiffSide baseline = sides.open("baseline", baselineAgent, drillId, v);
        DiffSide candidate = sides.open("candidate", candidateAgent, drillId, v)) {
      d = drill(v, t, drillId, baselineAgent, candidateAgent, baseline.keyColumns(), started);
      Bisection bisection = new Bisection(baseline, candidate, settings.limits(), System::nanoTime);
      DiffResult result = bisection.run();
      String changed = changedSince(t, bisection);
      if (changed == null) {
        changed = changedDuring(bisection, baseline, candidate);
      }
      return Reports.of(d, result, baseline.columns(), changed, clock.instant());
    } catch (KafkaSide.AgentTimeout e) {
      return Reports.failed(d, DiffStatus.TIMED_OUT, e.getMessage(), clock.instant());
    } catch (Exception e) {
      return Reports.failed(
          d,
          DiffStatus.FAILED,
          e.getMessage() == null ? e.toString() : e.getMessage(),
          clock.instant());
    }
  }

  private static Reports.Drill drill(
      Verdict v,
      Targets.Target t,
      String drillId,
      String baselineAgent,
      String candidateAgent,
      List<String> keyColumns,
      Instant started) {
    return new Reports.Drill(
        v.getWorkflow(),
        v.getPartition(),
        t.output(),
        v.getRevision(),
        drillId,
        baselineAgent,
        candidateAgent,
        keyColumns,
        started);
  }

  /**
   * Why the rows cannot be trusted to be those the verdict compared: a side's content hash at the
   * start is not its fingerprint's (the table changed since, or the agent reads it under other
   * rules); null when both agree or a fingerprint gave none.
   */
  static String changedSince(Targets.Target t, Bisection bisection) {
    long[] now = bisection.contentHashes();
    String[] then = {t.baselineHash(), t.candidateHash()};
    for (int i = 0; i < 2; i++) {
      String current = RowEncoder.hex(now[i]);
      if (then[i] != null && !then[i].equalsIgnoreCase(current)) {
        return "the "
            + SIDES[i]
            + "'s rows changed since its fingerprint (content hash "
            + then[i]
            + " then, "
            + current
            + " now, or its agent reads them under other rules): not diffed";
      }
    }
    return null;
  }

  /**
   * Asks each side for its content hash once more, after the rows were read: a side whose rows
   * moved while the drill-down ran would have given rows of two states, so nothing is reported.
   */
  static String changedDuring(Bisection bisection, DiffSide baseline, DiffSide candidate)
      throws Exception {
    long[] start = bisection.contentHashes();
    long[] end = {Bisection.contentHash(baseline), Bisection.contentHash(candidate)};
    for (int i = 0; i < 2; i++) {
      if (start[i] != end[i]) {
        return "the "
            + SIDES[i]
            + "'s rows changed during the drill-down (content hash "
            + RowEncoder.hex(start[i])
            + " at its start, "
            + RowEncoder.hex(end[i])
            + " at its end): not diffed";
      }
    }
    return null;
  }

  private static final String[] SIDES = {"baseline", "candidate"};
}
