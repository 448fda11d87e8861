package io.dualrun.reconciler.state;

import java.util.ArrayList;
import java.util.List;

/**
 * A copy of a pair's state that can be changed without touching the original: every list and every
 * record the reconciler changes in place (a side, its attempts, the breaches) is copied; the
 * records it only ever replaces (stored events and outputs) are shared. A record is applied to a
 * copy, which replaces the original only once the record went through, so a failure leaves the pair
 * as it was.
 */
public final class PairCopy {
  private PairCopy() {}

  public static PairState of(PairState s) {
    return new PairState(
        s.getWorkflow(),
        s.getPartition(),
        side(s.getBaseline()),
        side(s.getCandidate()),
        new ArrayList<>(s.getSeenIds()),
        s.getRevision(),
        s.getLastVerdict(),
        breaches(s.getBreaches()),
        s.getLastActivity(),
        s.getDeadline());
  }

  private static SideState side(SideState s) {
    if (s == null) {
      return null;
    }
    List<AttemptRef> attempts = new ArrayList<>(s.getAttempts().size());
    for (AttemptRef a : s.getAttempts()) {
      attempts.add(new AttemptRef(a.getAttempt(), a.getRunId()));
    }
    return new SideState(
        s.getAttempt(),
        attempts,
        new ArrayList<>(s.getEvents()),
        new ArrayList<>(s.getOutputs()),
        s.getTerminalSeenAt(),
        s.getPreviousOutputs());
  }

  private static List<StoredBreach> breaches(List<StoredBreach> breaches) {
    List<StoredBreach> out = new ArrayList<>(breaches.size());
    for (StoredBreach b : breaches) {
      out.add(
          new StoredBreach(
              b.getKind(),
              b.getSide(),
              b.getOpen(),
              b.getDueTime(),
              b.getReferenceTime(),
              b.getOpenedAt(),
              b.getClosedAt()));
    }
    return out;
  }
}
