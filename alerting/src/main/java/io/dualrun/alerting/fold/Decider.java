package io.dualrun.alerting.fold;

import io.dualrun.alerting.model.AlertAction;
import io.dualrun.alerting.model.AlertEvent;
import io.dualrun.alerting.model.AlertState;
import io.dualrun.alerting.model.AlertStatus;
import io.dualrun.alerting.model.Member;
import io.dualrun.alerting.model.Severity;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;

/**
 * Decides, on each tick, whether an alert is due for an emission: a change that has waited the
 * group wait (OPEN, UPDATE, RESOLVE, or NONE when it resolved before anyone was told), or a firing
 * alert not announced for the repeat interval (REPEAT; never when the interval is null).
 */
public final class Decider {
  private final Duration groupWait;
  private final Duration repeatInterval;

  public Decider(Duration groupWait, Duration repeatInterval) {
    this.groupWait = groupWait;
    this.repeatInterval = repeatInterval;
  }

  public Duration groupWait() {
    return groupWait;
  }

  /** How long a firing alert waits to be announced again; null: never. */
  public Duration repeatInterval() {
    return repeatInterval;
  }

  /** The emission due now, if any; {@code state} is updated accordingly. */
  public Optional<AlertEvent> decide(AlertState state, Instant now) {
    if (state.dirtySince() != null) {
      if (state.dirtySince().plus(groupWait).isAfter(now)) {
        return Optional.empty();
      }
      return changed(state, now);
    }
    if (repeatInterval != null
        && state.status() == AlertStatus.FIRING
        && state.lastNotifiedAt() != null
        && !state.lastNotifiedAt().plus(repeatInterval).isAfter(now)) {
      return Optional.of(emit(state, AlertAction.REPEAT, AlertStatus.FIRING, now, null));
    }
    return Optional.empty();
  }

  private Optional<AlertEvent> changed(AlertState state, Instant now) {
    boolean firing = !state.members().isEmpty();
    boolean wasFiring = state.status() == AlertStatus.FIRING;
    if (firing
        && wasFiring
        && !state.annotated()
        && state.members().keySet().equals(state.notifiedKeys())) {
      state.settle();
      return Optional.empty();
    }
    if (!firing && !wasFiring) {
      if (state.version() == 0 || !state.notifiedKeys().isEmpty()) {
        return Optional.of(emit(state, AlertAction.NONE, AlertStatus.RESOLVED, now, null));
      }
      state.settle();
      return Optional.empty();
    }
    if (!firing) {
      List<String> resolved = new ArrayList<>(state.notifiedPartitions());
      return Optional.of(emit(state, AlertAction.RESOLVE, AlertStatus.RESOLVED, now, resolved));
    }
    AlertAction action = wasFiring ? AlertAction.UPDATE : AlertAction.OPEN;
    return Optional.of(emit(state, action, AlertStatus.FIRING, now, null));
  }

  private static AlertEvent emit(
      AlertState state,
      AlertAction action,
      AlertStatus status,
      Instant now,
      List<String> resolved) {
    TreeSet<String> before = new TreeSet<>(state.notifiedPartitions());
    List<String> current = state.partitions();
    List<String> added = current.stream().filter(p -> !before.contains(p)).toList();
    List<String> removed = before.stream().filter(p -> !current.contains(p)).toList();
    state.emitted(status, now);
    List<String> partitions = resolved != null ? resolved : current;
    List<Member> members = state.members().values().stream().limit(AlertEvent.MAX_MEMBERS).toList();
    return new AlertEvent(
        state.alertId(),
        state.workflow(),
        state.kind(),
        Severity.of(state.tier(), state.kind()).wire(),
        state.owner(),
        state.tier(),
        status,
        action,
        state.version(),
        state.openedAt(),
        state.resolvedAt(),
        now,
        partitions.size(),
        partitions,
        members,
        added,
        removed);
  }
}
