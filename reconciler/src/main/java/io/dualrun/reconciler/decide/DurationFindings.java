package io.dualrun.reconciler.decide;

import io.dualrun.inventory.WorkflowSpec;
import io.dualrun.reconciler.state.SideView;
import io.dualrun.schemas.avro.Finding;
import io.dualrun.schemas.avro.FindingKind;
import java.time.Duration;
import java.util.List;
import java.util.Locale;

/**
 * DURATION: the candidate took longer than durationRatio × the baseline and at least
 * durationMinDifference longer (a 2 s job taking 4 s is noise, not a regression). Durations run
 * from the run-level STARTED to the terminal event; skipped when either side's start is unknown or
 * either side did not succeed.
 */
final class DurationFindings {
  private DurationFindings() {}

  static void add(
      List<Finding> findings, WorkflowSpec spec, SideView baseline, SideView candidate) {
    if (baseline == null || candidate == null || !baseline.succeeded() || !candidate.succeeded()) {
      return;
    }
    Long b = baseline.durationMs();
    Long c = candidate.durationMs();
    if (b == null || c == null || spec.durationRatio() <= 0) {
      return;
    }
    if (c > spec.durationRatio() * b && c - b >= spec.durationMinDifference().toMillis()) {
      findings.add(
          Findings.finding(
              FindingKind.DURATION,
              null,
              null,
              Duration.ofMillis(b).toString(),
              Duration.ofMillis(c).toString(),
              String.format(
                  Locale.ROOT,
                  "Candidate took %s, more than %s × the baseline's %s.",
                  Duration.ofMillis(c),
                  spec.durationRatio(),
                  Duration.ofMillis(b))));
    }
  }
}
