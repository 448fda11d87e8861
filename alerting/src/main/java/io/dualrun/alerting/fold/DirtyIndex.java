package io.dualrun.alerting.fold;

import io.dualrun.alerting.model.AlertState;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The alerts whose change waits for its group wait, by the time it is due: what the record clock
 * judges before each signal without reading every alert. Kept in memory, rebuilt from the alerts
 * store when a task starts.
 */
final class DirtyIndex {
  private final Duration groupWait;
  private final TreeMap<Long, TreeSet<String>> byDue = new TreeMap<>();
  private final Map<String, Long> dueOf = new HashMap<>();

  DirtyIndex(Duration groupWait) {
    this.groupWait = groupWait;
  }

  /** Follows {@code state}: indexed while it has a change waiting, dropped otherwise. */
  void track(AlertState state) {
    Long old = dueOf.remove(state.alertId());
    if (old != null) {
      TreeSet<String> ids = byDue.get(old);
      ids.remove(state.alertId());
      if (ids.isEmpty()) {
        byDue.remove(old);
      }
    }
    if (state.dirtySince() != null) {
      long due = state.dirtySince().plus(groupWait).toEpochMilli();
      dueOf.put(state.alertId(), due);
      byDue.computeIfAbsent(due, d -> new TreeSet<>()).add(state.alertId());
    }
  }

  /** The alerts due at or before {@code nowMs}, by due time then id, with their due times. */
  List<Map.Entry<Long, String>> dueBy(long nowMs) {
    List<Map.Entry<Long, String>> due = new ArrayList<>();
    byDue
        .headMap(nowMs, true)
        .forEach((time, ids) -> ids.forEach(id -> due.add(Map.entry(time, id))));
    return due;
  }

  /** Every waiting alert, by due time then id. */
  List<Map.Entry<Long, String>> all() {
    return dueBy(Long.MAX_VALUE);
  }
}
