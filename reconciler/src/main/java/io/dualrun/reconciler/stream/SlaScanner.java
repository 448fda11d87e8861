package io.dualrun.reconciler.stream;

import io.dualrun.inventory.Inventory;
import io.dualrun.inventory.Schedule;
import io.dualrun.inventory.WorkflowSpec;
import io.dualrun.schemas.PairKey;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.PriorityQueue;
import org.apache.kafka.common.utils.Utils;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Walks the schedules of inventoried workflows: every fire whose deadline (fire + SLA) has passed
 * since the last scan yields an expected pair, handed to {@link Expected} when this task owns the
 * pair's key (same murmur2 partitioning as the producers), so each expected pair is judged by
 * exactly one task. The last scanned deadline per workflow is kept in a store; each workflow's next
 * fire is remembered in memory, in a queue ordered by its deadline, so a scan looks only at
 * workflows with something due (the memory starts empty with each task, the store stays the truth).
 */
final class SlaScanner {
  private static final int MAX_FIRES_PER_SCAN = 10_000;
  private static final Fires FIRES = new Fires();

  /** Receives each expected pair whose deadline passed. */
  interface Expected {
    void due(WorkflowSpec spec, String partition, long dueTime, long now);
  }

  private final List<WorkflowSpec> scheduled;

  /** Per workflow, its first fire not yet due at the last scan (empty: no fire ever again). */
  private final Map<String, Optional<Instant>> upcoming = new HashMap<>();

  private final KeyValueStore<String, Long> cursors;

  /** What this task read from or wrote to {@link #cursors}: it is their only writer. */
  private final Map<String, Long> cursorMemo = new HashMap<>();

  private final int partitions;
  private final int taskPartition;

  SlaScanner(
      Inventory inventory, KeyValueStore<String, Long> cursors, int partitions, int taskPartition) {
    this.scheduled = inventory.workflows().stream().filter(w -> w.schedule() != null).toList();
    this.cursors = cursors;
    this.partitions = partitions;
    this.taskPartition = taskPartition;
  }

  boolean owns(String key) {
    if (partitions <= 0) {
      return true;
    }
    byte[] bytes = key.getBytes(StandardCharsets.UTF_8);
    return Utils.toPositive(Utils.murmur2(bytes)) % partitions == taskPartition;
  }

  private static long sla(WorkflowSpec spec) {
    return spec.sla().toMillis();
  }

  /** A workflow's next deadline (remembered fire + SLA); ties go by inventory order. */
  private record Next(long due, int index) {}

  /** The remembered next deadline of each workflow that has one, earliest first. */
  private final PriorityQueue<Next> queue =
      new PriorityQueue<>(Comparator.comparingLong(Next::due).thenComparingInt(Next::index));

  /** Workflows whose next fire is not known yet (all of them when the task starts). */
  private List<Integer> unknown;

  /**
   * Hands over every expected pair whose deadline is at or before {@code now}. Only workflows with
   * a deadline due are looked at (replay mode scans at almost every record): the others wait in a
   * queue ordered by their next deadline.
   */
  void scan(long start, long now, Expected expected) {
    if (unknown == null) {
      unknown = new ArrayList<>();
      for (int i = 0; i < scheduled.size(); i++) {
        unknown.add(i);
      }
    }
    if (!unknown.isEmpty()) {
      List<Integer> retry = unknown;
      unknown = new ArrayList<>();
      for (int i : retry) {
        scanAndRequeue(i, start, now, expected);
      }
    }
    while (!queue.isEmpty() && queue.peek().due() <= now) {
      scanAndRequeue(queue.poll().index(), start, now, expected);
    }
  }

  private void scanAndRequeue(int index, long start, long now, Expected expected) {
    WorkflowSpec spec = scheduled.get(index);
    scan(spec, start, now, expected);
    Optional<Instant> next = upcoming.get(spec.id());
    if (next == null) {
      unknown.add(index);
    } else if (next.isPresent()) {
      long due = next.get().toEpochMilli() + sla(spec);
      // a deadline not after now (the scan stopped early) is retried at the next scan
      if (due > now) {
        queue.add(new Next(due, index));
      } else {
        unknown.add(index);
      }
    }
  }

  private void scan(WorkflowSpec spec, long start, long now, Expected expected) {
    Long stored = cursor(spec.id());
    long cursor = stored == null ? start : stored;
    if (cursor >= now) {
      if (stored == null) {
        putCursor(spec.id(), cursor);
      }
      return;
    }
    Schedule schedule = spec.schedule();
    long sla = sla(spec);
    Instant after = Instant.ofEpochMilli(cursor - sla);
    long reached = now;
    int fires = 0;
    // the remembered fire is the one the schedule gives after the cursor: skip computing it again
    Optional<Instant> known = upcoming.remove(spec.id());
    while (true) {
      Optional<Instant> fire = known != null ? known : FIRES.next(schedule, after);
      known = null;
      if (fire.isEmpty()) {
        upcoming.put(spec.id(), fire);
        break;
      }
      long due = fire.get().toEpochMilli() + sla;
      if (due > now) {
        upcoming.put(spec.id(), fire);
        break;
      }
      String partition = schedule.partitionOf(fire.get(), spec.granularity());
      if (owns(PairKey.key(spec.id(), partition))) {
        expected.due(spec, partition, due, now);
      }
      after = fire.get();
      if (++fires >= MAX_FIRES_PER_SCAN) {
        reached = due;
        break;
      }
    }
    if (stored == null || fires > 0) {
      putCursor(spec.id(), reached);
    }
  }

  private Long cursor(String workflow) {
    Long c = cursorMemo.get(workflow);
    if (c == null) {
      c = cursors.get(workflow);
      if (c != null) {
        cursorMemo.put(workflow, c);
      }
    }
    return c;
  }

  private void putCursor(String workflow, long cursor) {
    cursors.put(workflow, cursor);
    cursorMemo.put(workflow, cursor);
  }
}
