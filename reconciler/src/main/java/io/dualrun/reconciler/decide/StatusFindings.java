package io.dualrun.reconciler.decide;

import io.dualrun.reconciler.state.SideView;
import io.dualrun.schemas.avro.Finding;
import io.dualrun.schemas.avro.FindingKind;
import io.dualrun.schemas.avro.RunStatus;
import java.util.List;

/**
 * STATUS: the sides ended differently, or a side failed, is missing, or has not finished. Two sides
 * that both SUCCEEDED, or both SKIPPED, agree.
 */
final class StatusFindings {
  static final String MISSING = "MISSING";

  private StatusFindings() {}

  static String label(SideView side) {
    return side == null ? MISSING : side.status().name();
  }

  static void add(List<Finding> findings, SideView baseline, SideView candidate) {
    String b = label(baseline);
    String c = label(candidate);
    boolean clean = b.equals(c) && (b.equals("SUCCEEDED") || b.equals("SKIPPED"));
    if (clean) {
      return;
    }
    String detail = describe("baseline", baseline) + "; " + describe("candidate", candidate) + ".";
    findings.add(Findings.finding(FindingKind.STATUS, null, null, b, c, capitalise(detail)));
  }

  /**
   * The candidate alone, its workflow having cut over: a finding unless it SUCCEEDED or was
   * SKIPPED; the baseline's value is {@value #CUT_OVER}.
   */
  static void addAlone(List<Finding> findings, SideView candidate) {
    String c = label(candidate);
    if (c.equals("SUCCEEDED") || c.equals("SKIPPED")) {
      return;
    }
    String detail =
        describe("candidate", candidate) + " (the workflow has cut over: no baseline to compare).";
    findings.add(Findings.finding(FindingKind.STATUS, null, null, CUT_OVER, c, capitalise(detail)));
  }

  /** The baseline's value in findings of a pair judged on the candidate alone. */
  static final String CUT_OVER = "CUT_OVER";

  private static String describe(String name, SideView side) {
    if (side == null) {
      return name + " never reported a run";
    }
    if (!side.terminal()) {
      return name + " attempt " + side.attempt() + " has not finished";
    }
    StringBuilder s = new StringBuilder(name);
    s.append(" attempt ").append(side.attempt()).append(' ');
    s.append(side.status().name());
    if (side.status() == RunStatus.FAILED) {
      if (side.failedTask() != null) {
        s.append(" in task ").append(side.failedTask());
      }
      if (side.error() != null) {
        s.append(" (").append(side.error()).append(')');
      }
    }
    return s.toString();
  }

  private static String capitalise(String s) {
    return Character.toUpperCase(s.charAt(0)) + s.substring(1);
  }
}
