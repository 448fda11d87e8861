package io.dualrun.reconciler.decide;

import io.dualrun.inventory.OutputSpec;
import io.dualrun.inventory.WorkflowSpec;
import io.dualrun.reconciler.state.SideView;
import io.dualrun.reconciler.state.StoredOutput;
import io.dualrun.schemas.avro.Finding;
import io.dualrun.schemas.avro.FindingKind;
import io.dualrun.schemas.avro.RunStatus;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * Per-output findings. The outputs compared are the declared ones plus any fingerprinted on either
 * side; an output is expected on every side that did not SKIP. Two fingerprints made under
 * different normalisation rules are compared by row count only (their values were read
 * differently), with a CONTENT finding that says so.
 */
final class OutputFindings {
  private OutputFindings() {}

  /** Declared outputs plus every output fingerprinted on either side, sorted. */
  static Set<String> outputNames(WorkflowSpec spec, SideView baseline, SideView candidate) {
    Set<String> names = new TreeSet<>();
    spec.outputs().forEach(o -> names.add(o.name()));
    if (baseline != null) {
      names.addAll(baseline.outputs().keySet());
    }
    if (candidate != null) {
      names.addAll(candidate.outputs().keySet());
    }
    return names;
  }

  static void add(
      List<Finding> findings, WorkflowSpec spec, SideView baseline, SideView candidate) {
    for (String name : outputNames(spec, baseline, candidate)) {
      StoredOutput b = baseline == null ? null : baseline.outputs().get(name);
      StoredOutput c = candidate == null ? null : candidate.outputs().get(name);
      if (b == null || c == null) {
        missing(findings, name, b, c, expected(baseline), expected(candidate));
      } else if (!Objects.equals(b.getNormalisation(), c.getNormalisation())) {
        RowCount.add(findings, spec.output(name), b, c);
        DifferentRules.add(findings, name, b.getNormalisation(), c.getNormalisation());
      } else {
        OutputSpec rules = spec.output(name);
        Hints hints = Hints.of(spec.zone(), b, c, rules.ignoreColumns());
        RowCount.add(findings, rules, b, c);
        Content.add(findings, rules, name, b, c, hints);
        SchemaDiff.add(findings, rules, b, c);
        ColumnStatDiff.add(findings, rules, b, c, hints);
      }
    }
  }

  private static boolean expected(SideView side) {
    return side == null || !(side.terminal() && side.status() == RunStatus.SKIPPED);
  }

  private static void missing(
      List<Finding> findings,
      String name,
      StoredOutput b,
      StoredOutput c,
      boolean baselineExpected,
      boolean candidateExpected) {
    boolean baselineMissing = b == null && baselineExpected;
    boolean candidateMissing = c == null && candidateExpected;
    if (!baselineMissing && !candidateMissing) {
      return;
    }
    String where =
        baselineMissing && candidateMissing
            ? "on both sides"
            : baselineMissing ? "on the baseline" : "on the candidate";
    findings.add(
        Findings.finding(
            FindingKind.OUTPUT_MISSING,
            name,
            null,
            b == null ? "missing" : "present",
            c == null ? "missing" : "present",
            "Output " + name + " has no fingerprint " + where + "."));
  }

  /** ROW_COUNT within the output's tolerance (absolute or relative). */
  static final class RowCount {
    private RowCount() {}

    static void add(List<Finding> findings, OutputSpec rules, StoredOutput b, StoredOutput c) {
      if (rules.rowCount().accepts(b.getRowCount(), c.getRowCount())) {
        return;
      }
      findings.add(
          Findings.finding(
              FindingKind.ROW_COUNT,
              rules.name(),
              null,
              Long.toString(b.getRowCount()),
              Long.toString(c.getRowCount()),
              "Output "
                  + rules.name()
                  + " has "
                  + c.getRowCount()
                  + " rows on the candidate against "
                  + b.getRowCount()
                  + " on the baseline"
                  + tolerance(rules)
                  + "."));
    }

    private static String tolerance(OutputSpec rules) {
      var t = rules.rowCount();
      if (t.absolute() == 0 && t.relative() == 0) {
        return "";
      }
      return " (tolerance: absolute " + t.absolute() + ", relative " + t.relative() + ")";
    }
  }
}
