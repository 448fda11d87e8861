package io.dualrun.reconciler.rest;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * Where decisions people record (waivers, cutovers) are written and read: a compacted topic and
 * this instance's copy of it.
 *
 * @param <V> the record
 */
public interface Desk<V> {
  /** Every record this instance knows, in key order. */
  List<V> all();

  /** The record of {@code key}, when there is one. */
  Optional<V> find(String key);

  /** Writes {@code value} (acknowledged by the cluster) and waits up to {@code wait} to know it. */
  void record(V value, Duration wait);

  /** Deletes {@code key} (a tombstone) and waits up to {@code wait} to forget it. */
  void remove(String key, Duration wait);
}
