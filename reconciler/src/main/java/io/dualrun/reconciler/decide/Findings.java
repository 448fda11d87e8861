package io.dualrun.reconciler.decide;

import io.dualrun.inventory.WorkflowSpec;
import io.dualrun.reconciler.state.SideView;
import io.dualrun.schemas.avro.Finding;
import io.dualrun.schemas.avro.FindingKind;
import java.util.ArrayList;
import java.util.List;

/** All findings of a pair, in a stable order: STATUS, outputs by name, DURATION. */
public final class Findings {
  private Findings() {}

  public static List<Finding> of(WorkflowSpec spec, SideView baseline, SideView candidate) {
    List<Finding> findings = new ArrayList<>();
    StatusFindings.add(findings, baseline, candidate);
    OutputFindings.add(findings, spec, baseline, candidate);
    DurationFindings.add(findings, spec, baseline, candidate);
    return findings;
  }

  /**
   * The findings of a pair judged on its candidate alone (its workflow has cut over): STATUS when
   * the candidate did not succeed, OUTPUT_MISSING for each output declared or announced that a
   * succeeded candidate did not fingerprint.
   */
  public static List<Finding> alone(WorkflowSpec spec, SideView candidate) {
    List<Finding> findings = new ArrayList<>();
    StatusFindings.addAlone(findings, candidate);
    if (candidate != null && candidate.succeeded()) {
      java.util.TreeSet<String> expected = new java.util.TreeSet<>(candidate.announced());
      spec.outputs().forEach(o -> expected.add(o.name()));
      for (String name : expected) {
        if (!candidate.outputs().containsKey(name)) {
          findings.add(
              finding(
                  FindingKind.OUTPUT_MISSING,
                  name,
                  null,
                  StatusFindings.CUT_OVER,
                  "missing",
                  "Output "
                      + name
                      + " has no fingerprint on the candidate (the workflow has cut"
                      + " over)."));
        }
      }
    }
    return findings;
  }

  static Finding finding(
      FindingKind kind,
      String output,
      String column,
      String baselineValue,
      String candidateValue,
      String detail) {
    return Finding.newBuilder()
        .setKind(kind)
        .setOutput(output)
        .setColumn(column)
        .setBaselineValue(baselineValue)
        .setCandidateValue(candidateValue)
        .setDetail(detail)
        .setBuckets(new ArrayList<>())
        .build();
  }
}
