package io.dualrun.reconciler.engine;

import io.dualrun.reconciler.state.PairState;
import io.dualrun.reconciler.state.SideState;
import io.dualrun.reconciler.state.SideView;
import io.dualrun.reconciler.state.StoredOutput;
import io.dualrun.schemas.avro.OutputFingerprint;
import io.dualrun.schemas.avro.RunEvent;
import io.dualrun.schemas.avro.RunStatus;
import io.dualrun.schemas.avro.Side;
import java.util.ArrayList;
import java.util.List;

/**
 * The fingerprint lags a record shows (see {@link FingerprintLags}), from event times only, so the
 * same records teach the same lags in any arrival order: a fingerprint of a side that has ended
 * lags by its event time minus the side's end; a side that ends with fingerprints already there
 * shows a lag of 0 for each.
 */
final class LagSamples {
  private LagSamples() {}

  static List<Long> arrived(PairState before, PairState after, PairInput in) {
    return in.isEvent() ? ended(before, after, in.event()) : fingerprinted(after, in.fingerprint());
  }

  private static List<Long> fingerprinted(PairState after, OutputFingerprint f) {
    SideView side = SideView.of(f.getSide(), sideOf(after, f.getSide()));
    if (side == null || !side.terminal() || side.attempt() != f.getAttempt()) {
      return List.of();
    }
    return List.of(Math.max(0L, f.getEventTime().toEpochMilli() - side.endTime()));
  }

  private static List<Long> ended(PairState before, PairState after, RunEvent e) {
    if (e.getTask() != null || e.getStatus() == RunStatus.STARTED) {
      return List.of();
    }
    SideView was = before == null ? null : SideView.of(e.getSide(), sideOf(before, e.getSide()));
    SideView now = SideView.of(e.getSide(), sideOf(after, e.getSide()));
    boolean newlyEnded =
        now != null
            && now.terminal()
            && now.attempt() == e.getAttempt()
            && (was == null || !was.terminal() || was.attempt() != now.attempt());
    if (!newlyEnded || now.outputs().isEmpty()) {
      return List.of();
    }
    List<Long> samples = new ArrayList<>(now.outputs().size());
    for (StoredOutput o : now.outputs().values()) {
      samples.add(Math.max(0L, o.getEventTime() - now.endTime()));
    }
    return samples;
  }

  private static SideState sideOf(PairState s, Side side) {
    return side == Side.BASELINE ? s.getBaseline() : s.getCandidate();
  }
}
