package io.dualrun.reconciler.stream;

import static org.assertj.core.api.Assertions.assertThat;

import io.dualrun.inventory.Inventory;
import io.dualrun.inventory.InventoryLoader;
import io.dualrun.inventory.WorkflowSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.processor.api.MockProcessorContext;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;
import org.junit.jupiter.api.Test;

/**
 * The scanner hands over every expected pair exactly once, at the first scan whose time reached its
 * deadline (fire + SLA), whatever the steps between scans, across workflows with different
 * schedules, time zones and SLAs, and again after a new scanner takes over the cursors.
 */
class SlaScannerTest {
  private static final String YAML =
      """
      workflows:
        hourly-ingest:
          owner: data
          schedule: {cron: "0 * * * *"}
          sla: 30m
        daily-kpi:
          owner: bi
          timezone: Europe/Paris
          schedule: {cron: "5 7 * * *"}
          sla: 1h
        weekday-report:
          owner: finance
          timezone: America/New_York
          schedule: {cron: "0 18 * * 1-5"}
          sla: 4h
        every-ten:
          owner: ops
          schedule: {cron: "*/10 * * * *"}
          sla: 5m
        unscheduled:
          owner: ops
      """;

  private static final Instant START = Instant.parse("2026-10-20T00:00:00Z");

  private record Handed(String workflow, String partition, long due, long now) {}

  /** By scan, then workflow and deadline: the order within one scan is not part of the contract. */
  private static final Comparator<Handed> ORDER =
      Comparator.comparingLong(Handed::now)
          .thenComparing(Handed::workflow)
          .thenComparingLong(Handed::due);

  @Test
  void everyDeadlineIsHandedOverOnceAtTheFirstScanThatReachedIt() {
    Inventory inventory = InventoryLoader.parse("workflows.yaml", YAML);
    for (long seed = 1; seed <= 20; seed++) {
      Random random = new Random(seed);
      KeyValueStore<String, Long> cursors = cursors();
      SlaScanner scanner = new SlaScanner(inventory, cursors, 0, 0);
      List<Handed> handed = new ArrayList<>();
      List<Long> scans = new ArrayList<>();
      long start = START.toEpochMilli();
      long now = start;
      long end = START.plus(Duration.ofDays(20)).toEpochMilli();
      while (now < end) {
        long step =
            switch (random.nextInt(4)) {
              case 0 -> random.nextInt(1_000);
              case 1 -> random.nextInt(600_000);
              case 2 -> random.nextInt(7_200_000);
              default -> random.nextInt(3) == 0 ? 2 * 86_400_000L : 0;
            };
        now = Math.min(end, now + step);
        if (random.nextInt(50) == 0) {
          // a new task: memory lost, cursors kept
          scanner = new SlaScanner(inventory, cursors, 0, 0);
        }
        long at = now;
        scanner.scan(start, at, (spec, p, due, t) -> handed.add(new Handed(spec.id(), p, due, t)));
        scans.add(at);
      }
      handed.sort(ORDER);
      assertThat(handed).as("seed %d", seed).isEqualTo(expected(inventory, start, scans));
    }
  }

  /** Brute force: each workflow's fires in order, each handed to the first scan at its due time. */
  private static List<Handed> expected(Inventory inventory, long start, List<Long> scans) {
    List<Handed> all = new ArrayList<>();
    for (WorkflowSpec spec : inventory.workflows()) {
      if (spec.schedule() == null) {
        continue;
      }
      long sla = spec.sla().toMillis();
      Optional<Instant> fire = spec.schedule().nextFire(Instant.ofEpochMilli(start - sla));
      while (fire.isPresent()) {
        long due = fire.get().toEpochMilli() + sla;
        Long scan = scans.stream().filter(s -> s >= due).findFirst().orElse(null);
        if (scan == null) {
          break;
        }
        all.add(
            new Handed(
                spec.id(), spec.schedule().partitionOf(fire.get(), spec.granularity()), due, scan));
        fire = spec.schedule().nextFire(fire.get());
      }
    }
    all.sort(ORDER);
    return all;
  }

  private static KeyValueStore<String, Long> cursors() {
    KeyValueStore<String, Long> store =
        Stores.keyValueStoreBuilder(
                Stores.inMemoryKeyValueStore("cursors"), Serdes.String(), Serdes.Long())
            .withLoggingDisabled()
            .build();
    store.init(new MockProcessorContext<>().getStateStoreContext(), store);
    return store;
  }
}
