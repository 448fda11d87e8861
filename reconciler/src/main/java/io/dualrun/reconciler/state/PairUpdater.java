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

  /**
   * True when {@code eventId} was seen: the record is a duplicate. The ids of the records a pair
   * keeps (its events and fingerprints) are not repeated in the recent-ids list, which holds only
   * the ids of records that changed nothing (an older attempt's, a superseded fingerprint, a task
   * event that is not a failure).
   */
  public boolean isDuplicate(PairState state, String eventId) {
    // hashed now, while its bytes were just read: the id is kept, and later checks compare hashes
    eventId.hashCode();
    return state.getSeenIds().contains(eventId)
        || stores(state.getBaseline(), eventId)
        || stores(state.getCandidate(), eventId);
  }

  private static boolean stores(SideState side, String eventId) {
    if (side == null) {
      return false;
    }
    // ids of one pair share a long prefix: comparing the (cached) hashes first spares a
    // byte-by-byte comparison of every stored id
    int hash = eventId.hashCode();
    for (StoredEvent e : side.getEvents()) {
      if (same(e.getEventId(), eventId, hash)) {
        return true;
      }
    }
    for (StoredOutput o : side.getOutputs()) {
      if (same(o.getEventId(), eventId, hash)) {
        return true;
      }
    }
    return false;
  }

  private static boolean same(String stored, String eventId, int hash) {
    return stored.hashCode() == hash && stored.equals(eventId);
  }

  public boolean apply(PairState state, RunEvent e) {
    return !isDuplicate(state, e.getEventId()) && applyUnseen(state, e);
  }

  /** {@link #apply(PairState, RunEvent)} for a record {@link #isDuplicate} already cleared. */
  public boolean applyUnseen(PairState state, RunEvent e) {
    SideState side = sideFor(state, e.getSide(), e.getAttempt(), e.getRunId());
    // a task-level event matters when it fails (it names the failed task) or when it names
    // datasets (OpenLineage reports a task's inputs and outputs on the task's own events)
    boolean ignoredTaskEvent =
        e.getTask() != null
            && e.getStatus() != RunStatus.FAILED
            && e.getExpectedOutputs().isEmpty()
            && e.getInputs().isEmpty();
    if (side == null || ignoredTaskEvent) {
      remember(state, e.getEventId());
      return false;
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
                e.getLogUrl(),
                e.getExpectedOutputs().isEmpty() ? List.of() : List.copyOf(e.getExpectedOutputs()),
                e.getInputs().isEmpty() ? List.of() : List.copyOf(e.getInputs()),
                e.getJobVersion()));
    return true;
  }

  public boolean apply(PairState state, OutputFingerprint f) {
    return !isDuplicate(state, f.getEventId()) && applyUnseen(state, f);
  }

  /** {@link #apply(PairState, OutputFingerprint)} for a record {@link #isDuplicate} cleared. */
  public boolean applyUnseen(PairState state, OutputFingerprint f) {
    SideState side = sideFor(state, f.getSide(), f.getAttempt(), f.getRunId());
    if (side == null) {
      remember(state, f.getEventId());
      return false;
    }
    StoredOutput incoming = Outputs.stored(f);
    for (StoredOutput previous : side.getPreviousOutputs()) {
      if (previous.getOutput().equals(incoming.getOutput())) {
        incoming.setRerunDiffers(Outputs.rerunDiffers(previous, incoming));
      }
    }
    List<StoredOutput> outputs = side.getOutputs();
    for (int i = 0; i < outputs.size(); i++) {
      StoredOutput known = outputs.get(i);
      if (known.getOutput().equals(incoming.getOutput())) {
        if (!Outputs.supersedes(incoming, known)) {
          remember(state, f.getEventId());
          return false;
        }
        remember(state, known.getEventId());
        outputs.set(i, incoming);
        return true;
      }
    }
    outputs.add(incoming);
    return true;
  }

  /** Adds the id of a record the pair does not keep to the bounded recent list. */
  private void remember(PairState state, String eventId) {
    List<String> seen = state.getSeenIds();
    seen.add(eventId);
    while (seen.size() > seenLimit) {
      seen.remove(0);
    }
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
              null,
              side == Side.BASELINE ? superseded(current) : new ArrayList<>());
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

  /**
   * The baseline outputs a rerun's fingerprints are compared with: those of the attempt it
   * supersedes, or, when that attempt fingerprinted nothing, those it had kept itself.
   */
  private static List<StoredOutput> superseded(SideState current) {
    if (current == null) {
      return new ArrayList<>();
    }
    return new ArrayList<>(
        current.getOutputs().isEmpty() ? current.getPreviousOutputs() : current.getOutputs());
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
