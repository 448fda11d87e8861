package io.dualrun.alerting.delivery;

import io.dualrun.alerting.model.AlertEvent;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * Which partitions of the alerts topic this instance delivers, and which partition each alert is
 * on. The delivery group assigns a partition ({@link #assign}); it is delivered from once the
 * ledger has been read up to that moment ({@link #take}), unless it was revoked in between. A
 * revoked partition is no longer delivered from at once.
 */
final class Ownership {
  private final Map<String, Integer> partitionOf = new ConcurrentHashMap<>();
  private final Set<Integer> delivering = ConcurrentHashMap.newKeySet();
  private final Set<Integer> assigned = new HashSet<>();

  /** Where the alerts topic holds {@code alertId} (the same partition for every version). */
  void locate(String alertId, int partition) {
    partitionOf.put(alertId, partition);
  }

  /** Whether this instance delivers {@code alertId}. */
  boolean owns(String alertId) {
    Integer p = partitionOf.get(alertId);
    return p != null && delivering.contains(p);
  }

  /** The delivery group gave this instance {@code partitions}. */
  synchronized void assign(Collection<Integer> partitions) {
    assigned.addAll(partitions);
  }

  /** The delivery group took {@code partitions} away: none of their alerts is delivered here. */
  synchronized void revoke(Collection<Integer> partitions) {
    assigned.removeAll(partitions);
    delivering.removeAll(partitions);
  }

  /**
   * Starts delivering from those of {@code partitions} that are still assigned; returns the alerts,
   * among {@code latest} read after that, that are on them. Read after, not before: an alert that
   * arrives meanwhile is either seen here or, arriving once its partition is delivered from, owned
   * by the arrival itself ({@link #owns}) — never neither (both is harmless: a lane keeps one job
   * per alert version).
   */
  synchronized List<AlertEvent> take(
      Collection<Integer> partitions, Supplier<Collection<AlertEvent>> latest) {
    Set<Integer> taken = new HashSet<>(partitions);
    taken.retainAll(assigned);
    delivering.addAll(taken);
    return latest.get().stream().filter(e -> taken.contains(partitionOf.get(e.alertId()))).toList();
  }

  /** The partitions delivered from, in order. */
  Set<Integer> delivering() {
    return new TreeSet<>(delivering);
  }
}
