package io.dualrun.loadtest.gen;

import java.time.LocalDate;

/**
 * One pair to generate: workflow, partition (a day), the injected fault and the harmless noise.
 *
 * @param retrySide side whose first attempt fails before a second one matches (null: none)
 * @param withinTolerance the summary's row counts differ, but within tolerance
 * @param reordered a side's fingerprints and STARTED are sent out of order
 * @param duplicated one record is sent twice (same event id)
 */
public record PairPlan(
    WorkflowPlan workflow,
    LocalDate day,
    Fault fault,
    String retrySide,
    boolean withinTolerance,
    boolean reordered,
    boolean duplicated,
    long seed) {

  public String partition() {
    return day.toString();
  }

  public String key() {
    return workflow.id() + "/" + partition();
  }
}
