package io.dualrun.alerting.fold;

import io.dualrun.alerting.model.AlertState;
import io.dualrun.alerting.model.Member;
import io.dualrun.alerting.model.Signal;
import io.dualrun.schemas.PairKey;
import io.dualrun.schemas.avro.FindingKind;
import java.time.Instant;
import java.util.Map;

/**
 * Folds signals into alert states. A verdict revision replaces the pair's membership in every
 * finding-kind alert of its workflow: kinds present add (or refresh) the partition, kinds absent
 * resolve it. Revisions at or below the last applied one are ignored (the same MISMATCH comes from
 * both the mismatches and the verdicts topic, and the two may interleave). A breach adds its
 * partition when OPEN and resolves it when CLOSED. A drill-down's report adds its rows to the
 * pair's CONTENT member of the same revision (an UPDATE).
 */
public final class Folder {
  private Folder() {}

  public static void apply(Signal signal, Instant now, AlertStore store) {
    if (signal.type() == Signal.Type.BREACH) {
      applyBreach(signal, now, store);
    } else if (signal.type() == Signal.Type.DIFF) {
      applyDiff(signal, now, store);
    } else {
      applyVerdict(signal, now, store);
    }
  }

  private static void applyBreach(Signal signal, Instant now, AlertStore store) {
    for (Map.Entry<String, Member> e : signal.members().entrySet()) {
      AlertState state = load(store, signal, e.getKey());
      if (signal.open()) {
        state.put(e.getValue(), now);
      } else {
        state.remove(e.getValue().key(), now);
      }
      store.put(state);
    }
  }

  /**
   * A drill-down's result annotates the pair's member of the CONTENT alert when that member still
   * comes from the revision drilled into (a later revision or a resolved pair makes it moot).
   */
  private static void applyDiff(Signal signal, Instant now, AlertStore store) {
    Member annotation = signal.members().get(FindingKind.CONTENT.name());
    AlertState state = store.get(AlertState.alertId(signal.workflow(), FindingKind.CONTENT.name()));
    if (annotation == null || annotation.rows().isEmpty() || state == null) {
      return;
    }
    Member member = state.members().get(signal.partition());
    if (member == null || member.revision() != signal.revision()) {
      return;
    }
    String line = annotation.rows().get(0);
    String output = line.substring(0, Math.max(0, line.indexOf(": ")));
    Member annotated = member.withRows(output, line);
    if (!annotated.equals(member)) {
      state.annotate(annotated, now);
      store.put(state);
    }
  }

  private static void applyVerdict(Signal signal, Instant now, AlertStore store) {
    String pair = PairKey.key(signal.workflow(), signal.partition());
    int last = store.revision(pair);
    if (signal.revision() <= last) {
      return;
    }
    if (last == 0 && signal.members().isEmpty() && signal.revision() <= 1) {
      return; // a first MATCH: nothing to resolve, nothing to remember
    }
    store.revision(pair, signal.revision());
    for (FindingKind kind : FindingKind.values()) {
      Member member = signal.members().get(kind.name());
      String alertId = AlertState.alertId(signal.workflow(), kind.name());
      AlertState existing = store.get(alertId);
      if (member != null) {
        AlertState state = existing == null ? load(store, signal, kind.name()) : existing;
        state.describe(signal.owner(), signal.tier());
        state.put(member, now);
        store.put(state);
      } else if (existing != null && existing.members().containsKey(signal.partition())) {
        existing.remove(signal.partition(), now);
        store.put(existing);
      }
    }
  }

  private static AlertState load(AlertStore store, Signal signal, String kind) {
    AlertState state = store.get(AlertState.alertId(signal.workflow(), kind));
    if (state == null) {
      state = new AlertState(signal.workflow(), kind);
    }
    state.describe(signal.owner(), signal.tier());
    return state;
  }
}
