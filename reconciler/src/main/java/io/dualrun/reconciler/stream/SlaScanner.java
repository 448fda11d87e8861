package io.dualrun.reconciler.stream;

import io.dualrun.schemas.PairKey;
import io.dualrun.schemas.inventory.Inventory;
import io.dualrun.schemas.inventory.Schedule;
import io.dualrun.schemas.inventory.WorkflowSpec;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.common.utils.Utils;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Walks the schedules of inventoried workflows: every fire whose deadline (fire + SLA) has passed
 * since the last scan yields an expected pair, handed to {@link Expected} when this task owns the
 * pair's key (same murmur2 partitioning as the producers), so each expected pair is judged by
 * exactly one task. The last scanned deadline per workflow is kept in a store; each workflow's next
 * fire is remembered in memory, so a scan skips the schedule arithmetic of workflows with nothing
 * due (the memory starts empty with each task, the store stays the truth).
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

  /**
   * The earliest deadline of any workflow's remembered next fire: a scan before it has nothing to
   * do (replay mode scans at almost every record). Long.MIN_VALUE while some workflow's next fire
   * is not known yet.
   */
  private long earliestDue = Long.MIN_VALUE;

  void scan(long start, long now, Expected expected) {
    if (now < earliestDue) {
      return;
    }
    long earliest = Long.MAX_VALUE;
    for (WorkflowSpec spec : scheduled) {
      Optional<Instant> next = upcoming.get(spec.id());
      if (next == null || next.isPresent() && next.get().toEpochMilli() + sla(spec) <= now) {
        scan(spec, start, now, expected);
        next = upcoming.get(spec.id());
      }
      if (next == null) {
        earliest = Long.MIN_VALUE;
      } else if (next.isPresent()) {
        earliest = Math.min(earliest, next.get().toEpochMilli() + sla(spec));
      }
    }
    earliestDue = earliest;
  }

  private void scan(WorkflowSpec spec, long start, long now, Expected expected) {
    Long stored = cursors.get(spec.id());
    long cursor = stored == null ? start : stored;
    if (cursor >= now) {
      if (stored == null) {
        cursors.put(spec.id(), cursor);
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
      cursors.put(spec.id(), reached);
    }
  }
}
