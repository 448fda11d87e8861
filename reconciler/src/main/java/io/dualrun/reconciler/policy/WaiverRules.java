package io.dualrun.reconciler.policy;

import io.dualrun.config.text.Glob;
import io.dualrun.schemas.avro.Finding;
import io.dualrun.schemas.avro.Outcome;
import io.dualrun.schemas.avro.Waiver;
import java.util.List;
import java.util.Objects;

/**
 * Which findings a waiver accepts, as pure functions of the waiver, the finding and the moment of
 * the decision.
 *
 * <p>A waiver is <em>active</em> for a decision at {@code now} when it has not expired ({@code
 * expiresAt} unset or after {@code now}) and, when it names a job version, the candidate's run
 * reports that very version. An active waiver <em>covers</em> a finding of a pair when each scope
 * field it sets matches: the workflow, the output, the column, the finding kind, and one of its
 * partition globs. A pair whose findings are all covered is {@code MATCH_WITH_WAIVER}; one finding
 * not covered keeps it a {@code MISMATCH}.
 */
public final class WaiverRules {
  private WaiverRules() {}

  public static boolean active(Waiver w, long now, String candidateVersion) {
    if (w.getExpiresAt() != null && now >= w.getExpiresAt().toEpochMilli()) {
      return false;
    }
    return w.getVersion() == null || w.getVersion().equals(candidateVersion);
  }

  public static boolean covers(Waiver w, String workflow, String partition, Finding f) {
    return w.getWorkflow().equals(workflow)
        && (w.getOutput() == null || w.getOutput().equals(f.getOutput()))
        && (w.getColumn() == null || w.getColumn().equals(f.getColumn()))
        && (w.getKind() == null || w.getKind() == f.getKind())
        && (w.getPartitions().isEmpty()
            || w.getPartitions().stream().anyMatch(g -> Glob.matches(g, partition)));
  }

  /**
   * Marks each of {@code findings} with the first (by id) of {@code waivers} active at {@code now}
   * that covers it, clearing any earlier mark, and answers the outcome they amount to.
   */
  public static Outcome apply(
      List<Finding> findings,
      List<Waiver> waivers,
      String workflow,
      String partition,
      long now,
      String candidateVersion) {
    if (findings.isEmpty()) {
      return Outcome.MATCH;
    }
    boolean allWaived = true;
    for (Finding f : findings) {
      String by = null;
      for (Waiver w : waivers) {
        if (active(w, now, candidateVersion) && covers(w, workflow, partition, f)) {
          by = w.getId();
          break;
        }
      }
      if (!Objects.equals(f.getWaiver(), by)) {
        f.setWaiver(by);
      }
      allWaived &= by != null;
    }
    return allWaived ? Outcome.MATCH_WITH_WAIVER : Outcome.MISMATCH;
  }
}
