package io.dualrun.loadtest.gen;

import java.util.List;
import java.util.Random;

/**
 * Decides each pair's fault and noise from the seed alone, so any pair can be planned without the
 * others (the generator streams). Every fault kind lands on at least one pair (spread by a
 * permutation of the pair slots); beyond that, faults are drawn with {@link Scenario#faultRate()}.
 */
public final class Planner {
  private static final long STRIDE_A = 7919;
  private static final long STRIDE_B = 7907;

  private final Scenario scenario;
  private final int scheduledCount;
  private final int unscheduledCount;

  public Planner(Scenario scenario) {
    this.scenario = scenario;
    int scheduled = 0;
    for (int i = 0; i < scenario.workflows(); i++) {
      scheduled += WorkflowPlan.of(i).scheduled() ? 1 : 0;
    }
    this.scheduledCount = scheduled;
    this.unscheduledCount = scenario.workflows() - scheduled;
  }

  public WorkflowPlan workflow(int index) {
    return WorkflowPlan.of(index);
  }

  public PairPlan plan(int workflowIndex, int dayIndex) {
    WorkflowPlan w = workflow(workflowIndex);
    long pairSeed = scenario.seed() * 1_000_003L + workflowIndex * 10_007L + dayIndex * 31L + 17L;
    Random rnd = new Random(pairSeed);
    Fault fault = fault(w, dayIndex, rnd);
    double noise = scenario.noiseRate();
    boolean clean = fault == Fault.NONE;
    String retry =
        clean && rnd.nextDouble() < noise / 2
            ? (rnd.nextBoolean() ? "candidate" : "baseline")
            : null;
    boolean tolerance = clean && rnd.nextDouble() < noise;
    boolean reordered = fault != Fault.CANDIDATE_ABSENT && rnd.nextDouble() < noise;
    boolean duplicated = rnd.nextDouble() < noise;
    return new PairPlan(
        w,
        scenario.firstDay().plusDays(dayIndex),
        fault,
        retry,
        tolerance,
        reordered,
        duplicated,
        rnd.nextLong());
  }

  private Fault fault(WorkflowPlan w, int dayIndex, Random rnd) {
    List<Fault> kinds = w.scheduled() ? Fault.SCHEDULED : Fault.UNSCHEDULED;
    int classCount = w.scheduled() ? scheduledCount : unscheduledCount;
    int classIndex = classIndex(w);
    long total = (long) classCount * scenario.days();
    long slot = (long) dayIndex * classCount + classIndex;
    long position = permute(slot, total);
    if (position < kinds.size()) {
      return kinds.get((int) position);
    }
    if (rnd.nextDouble() < scenario.faultRate()) {
      return kinds.get(rnd.nextInt(kinds.size()));
    }
    return Fault.NONE;
  }

  /** The workflow's rank among the workflows of its class (scheduled or not). */
  private static int classIndex(WorkflowPlan w) {
    int same = 0;
    for (int i = 0; i < w.index(); i++) {
      same += WorkflowPlan.of(i).scheduled() == w.scheduled() ? 1 : 0;
    }
    return same;
  }

  private long permute(long slot, long total) {
    long stride = total % STRIDE_A == 0 ? STRIDE_B : STRIDE_A;
    long offset = Math.floorMod(scenario.seed(), total);
    return Math.floorMod(slot * stride + offset, total);
  }
}
