package io.dualrun.loadtest.gen;

import java.util.Locale;

/** One generated workflow: its id, owner and tier, and whether it has a schedule. */
public record WorkflowPlan(int index, String id, String owner, int tier, boolean scheduled) {

  public static WorkflowPlan of(int index) {
    return new WorkflowPlan(
        index,
        String.format(Locale.ROOT, "lt-wf-%04d", index),
        "team-" + (index % 3),
        1 + index % 4,
        index % 4 == 3);
  }

  public String factsOutput() {
    return id + ".facts";
  }

  public String summaryOutput() {
    return id + ".summary";
  }
}
