package io.dualrun.reconciler.state;

import io.dualrun.schemas.avro.OutputFingerprint;
import io.dualrun.schemas.avro.RunEvent;
import io.dualrun.schemas.avro.RunStatus;
import io.dualrun.schemas.avro.Side;
import java.util.ArrayList;
import java.util.List;

/**
 * Applies one input record to a pair's state: latest attempt wins per side, events of an older
 * attempt change nothing, duplicates (same eventId) change nothing. Returns whether the pair's
 * meaning changed; the state may still have changed (remembered event ids).
 */
public final class PairUpdater {
  private static final int MAX_ATTEMPTS_KEPT = 16;
  private final int seenLimit;

  public PairUpdater(int seenLimit) {
    this.seenLimit = seenLimit;
  }

  public static PairState empty(String workflow, String partition, long now) {
    return PairState.newBuilder()
        .setWorkflow(workflow)
        .setPartition(partition)
        .setBaseline(null)
        .setCandidate(null)
        .setSeenIds(new ArrayList<>())
        .setRevision(0)
        .setLastVerdict(null)
        .setBreaches(new ArrayList<>())
        .setLastActivity(now)
        .setDeadline(null)
        .build();
  }

  /** True when {@code eventId} was seen recently: the record is a duplicate. */
  public boolean isDuplicate(PairState state, String eventId) {
    return state.getSeenIds().contains(eventId);
  }

  public boolean apply(PairState state, RunEvent e) {
    if (!remember(state, e.getEventId())) {
      return false;
    }
    SideState side = sideFor(state, e.getSide(), e.getAttempt(), e.getRunId());
    if (side == null) {
      return false;
    }
    boolean taskLevel = e.getTask() != null;
    if (taskLevel && e.getStatus() != RunStatus.FAILED) {
      return false;
    }
    for (StoredEvent known : side.getEvents()) {
      if (known.getEventId().equals(e.getEventId())) {
        return false;
      }
    }
    side.getEvents()
        .add(
            new StoredEvent(
                e.getEventId(),
                e.getRunId(),
                e.getOrchestrator(),
                e.getStatus().ordinal(),
                e.getEventTime().toEpochMilli(),
                e.getTask(),
                e.getError(),
                e.getLogUrl()));
    return true;
  }

  public boolean apply(PairState state, OutputFingerprint f) {
    if (!remember(state, f.getEventId())) {
      return false;
    }
    SideState side = sideFor(state, f.getSide(), f.getAttempt(), f.getRunId());
    if (side == null) {
      return false;
    }
    StoredOutput incoming = Outputs.stored(f);
    List<StoredOutput> outputs = side.getOutputs();
    for (int i = 0; i < outputs.size(); i++) {
      StoredOutput known = outputs.get(i);
      if (known.getOutput().equals(incoming.getOutput())) {
        if (!Outputs.supersedes(incoming, known)) {
          return false;
        }
        outputs.set(i, incoming);
        return true;
      }
    }
    outputs.add(incoming);
    return true;
  }

  /** Adds the id to the bounded recent set; false if it was already there. */
  private boolean remember(PairState state, String eventId) {
    List<String> seen = state.getSeenIds();
    if (seen.contains(eventId)) {
      return false;
    }
    seen.add(eventId);
    while (seen.size() > seenLimit) {
      seen.remove(0);
    }
    return true;
  }

  /** The side's state for {@code attempt}, superseding older attempts; null for an older one. */
  private static SideState sideFor(PairState state, Side side, int attempt, String runId) {
    SideState current = side == Side.BASELINE ? state.getBaseline() : state.getCandidate();
    if (current == null || attempt > current.getAttempt()) {
      SideState fresh =
          new SideState(
              attempt,
              current == null ? new ArrayList<>() : current.getAttempts(),
              new ArrayList<>(),
              new ArrayList<>(),
              null);
      if (side == Side.BASELINE) {
        state.setBaseline(fresh);
      } else {
        state.setCandidate(fresh);
      }
      current = fresh;
    } else if (attempt < current.getAttempt()) {
      return null;
    }
    noteAttempt(current, attempt, runId);
    return current;
  }

  private static void noteAttempt(SideState side, int attempt, String runId) {
    List<AttemptRef> attempts = side.getAttempts();
    for (AttemptRef a : attempts) {
      if (a.getAttempt() == attempt) {
        if (runId.compareTo(a.getRunId()) < 0) {
          a.setRunId(runId);
        }
        return;
      }
    }
    attempts.add(new AttemptRef(attempt, runId));
    attempts.sort((x, y) -> Integer.compare(x.getAttempt(), y.getAttempt()));
    while (attempts.size() > MAX_ATTEMPTS_KEPT) {
      attempts.remove(0);
    }
  }
}
