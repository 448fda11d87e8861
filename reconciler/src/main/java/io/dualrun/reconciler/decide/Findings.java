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
