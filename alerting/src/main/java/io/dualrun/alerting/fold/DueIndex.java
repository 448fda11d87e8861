package io.dualrun.alerting.fold;

import io.dualrun.alerting.model.AlertState;
import io.dualrun.alerting.model.AlertStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The alerts that will be due for an announcement, by the time they are due: a change waiting for
 * its group wait, or a firing alert waiting for its repeat (when repeats are on). What a tick or a
 * signal judges, instead of reading every alert of the store. Kept in memory, rebuilt from the
 * alerts store when a task starts.
 */
final class DueIndex {
  private final Duration groupWait;
  private final Duration repeatInterval;
  private final TreeMap<Long, TreeSet<String>> byDue = new TreeMap<>();
  private final Map<String, Long> dueOf = new HashMap<>();

  /**
   * @param groupWait how long a change waits
   * @param repeatInterval how long a firing alert waits to be announced again; null: never
   */
  DueIndex(Duration groupWait, Duration repeatInterval) {
    this.groupWait = groupWait;
    this.repeatInterval = repeatInterval;
  }

  /** Follows {@code state}: indexed at its next due time, dropped when it has none. */
  void track(AlertState state) {
    Long old = dueOf.remove(state.alertId());
    if (old != null) {
      TreeSet<String> ids = byDue.get(old);
      ids.remove(state.alertId());
      if (ids.isEmpty()) {
        byDue.remove(old);
      }
    }
    Instant due = due(state);
    if (due != null) {
      long at = due.toEpochMilli();
      dueOf.put(state.alertId(), at);
      byDue.computeIfAbsent(at, d -> new TreeSet<>()).add(state.alertId());
    }
  }

  private Instant due(AlertState state) {
    if (state.dirtySince() != null) {
      return state.dirtySince().plus(groupWait);
    }
    if (repeatInterval != null
        && state.status() == AlertStatus.FIRING
        && state.lastNotifiedAt() != null) {
      return state.lastNotifiedAt().plus(repeatInterval);
    }
    return null;
  }

  /** The alerts due at or before {@code nowMs}, by due time then id, with their due times. */
  List<Map.Entry<Long, String>> dueBy(long nowMs) {
    List<Map.Entry<Long, String>> due = new ArrayList<>();
    byDue
        .headMap(nowMs, true)
        .forEach((time, ids) -> ids.forEach(id -> due.add(Map.entry(time, id))));
    return due;
  }
}
