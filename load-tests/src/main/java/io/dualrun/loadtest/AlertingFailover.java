package io.dualrun.loadtest;

import io.dualrun.loadtest.oracle.AlertReceiver;
import io.dualrun.loadtest.oracle.LedgerHistory;
import io.dualrun.loadtest.run.ChildAlerting;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The alerting fault of {@link ClusterFaultScenario}: two alerting instances sharing one
 * application id; the active one (delivering the most partitions of the alerts topic) is killed
 * with -9 between two deliveries, the time until the other delivers every partition is measured,
 * and the killed one is restarted and waited for until it has taken some partitions back.
 */
final class AlertingFailover {
  /**
   * How long without a delivery at the receiver before the kill, so that the kill usually falls
   * between deliveries rather than between a delivery and its ledger entry (which the survivor then
   * repeats, as documented).
   */
  static final Duration QUIET = Duration.ofMillis(300);

  private static final Duration PATIENCE = Duration.ofSeconds(60);

  private final ChildAlerting a;
  private final ChildAlerting b;
  private final AlertReceiver receiver;
  private final int partitions;
  private ChildAlerting killed;
  private volatile Duration takeover;
  private volatile long killedAt;
  private volatile long killedAtMillis;

  AlertingFailover(ChildAlerting a, ChildAlerting b, AlertReceiver receiver, int partitions) {
    this.a = a;
    this.b = b;
    this.receiver = receiver;
    this.partitions = partitions;
  }

  /** Waits until the two instances share delivery, each delivering some partitions. */
  void awaitShared(Duration patience) {
    long deadline = System.nanoTime() + patience.toNanos();
    while (true) {
      int ofA = a.deliveryPartitions();
      int ofB = b.deliveryPartitions();
      if (ofA > 0 && ofB > 0 && ofA + ofB == partitions) {
        log("  alerting a delivers " + ofA + " partitions, b " + ofB);
        return;
      }
      if (System.nanoTime() >= deadline) {
        throw new IllegalStateException(
            "the alerting instances do not share delivery after "
                + patience.toSeconds()
                + " s (a "
                + ofA
                + ", b "
                + ofB
                + " partitions; logs "
                + a.log()
                + ", "
                + b.log()
                + ")");
      }
      sleep(250);
    }
  }

  /** Kills the active instance with -9, then waits until the other delivers every partition. */
  void killActive() {
    int ofA = a.deliveryPartitions();
    int ofB = b.deliveryPartitions();
    killed = ofA >= ofB ? a : b;
    ChildAlerting survivor = killed == a ? b : a;
    boolean quiet = receiver.awaitQuiet(QUIET, Duration.ofSeconds(10));
    killed.kill();
    long start = System.nanoTime();
    killedAt = start;
    killedAtMillis = System.currentTimeMillis();
    log(
        "  alerting "
            + killed.name()
            + " (it delivered "
            + Math.max(ofA, ofB)
            + " of "
            + partitions
            + " partitions; "
            + (quiet ? "killed between deliveries)" : "no gap between deliveries came)"));
    while (survivor.deliveryPartitions() != partitions) {
      if (System.nanoTime() - start > PATIENCE.toNanos()) {
        takeover = PATIENCE;
        log("  alerting " + survivor.name() + " did not take over within " + PATIENCE);
        return;
      }
      sleep(100);
    }
    takeover = Duration.ofNanos(System.nanoTime() - start);
    log(
        "  alerting "
            + survivor.name()
            + " delivers all "
            + partitions
            + " partitions "
            + takeover.toMillis()
            + " ms after the kill");
  }

  /** Restarts the killed instance and waits until it has taken some partitions back. */
  void restartKilled() {
    log("  alerting " + killed.name());
    killed.start();
    awaitShared(Duration.ofMinutes(2));
  }

  /**
   * The notifications delivered more than once: those the kill explains ({@link Repeats#inFlight})
   * and the others, each described.
   */
  Repeats repeats(LedgerHistory ledger) {
    Set<String> inFlight = new TreeSet<>();
    Map<String, String> others = new TreeMap<>();
    for (String key : receiver.repeats().keySet()) {
      List<Long> at = receiver.receivedAt(key);
      int cut = key.lastIndexOf("/v");
      String alertId = key.substring(0, cut);
      long version = Long.parseLong(key.substring(cut + 2));
      if (killed != null
          && at.size() == 2
          && at.get(0) <= killedAt
          && at.get(1) > killedAt
          && !ledger.doneBefore(alertId, AlertReceiver.NAME, version, killedAtMillis)) {
        inFlight.add(key);
      } else {
        others.put(key, describe(at, ledger.entries(alertId, AlertReceiver.NAME)));
      }
    }
    return new Repeats(inFlight, others);
  }

  /**
   * Repeated notifications: {@code inFlight}, delivered once before the kill and once after it by
   * the survivor, with no ledger entry written for it before the kill (the documented repeat of a
   * delivery made but not yet recorded); {@code others}, any other, with when each copy arrived and
   * when the ledger was written.
   */
  record Repeats(Set<String> inFlight, Map<String, String> others) {}

  private String describe(List<Long> at, List<LedgerHistory.Entry> entries) {
    long zeroNanos = killed == null ? at.get(0) : killedAt;
    long zeroMillis =
        killed == null
            ? System.currentTimeMillis() - (System.nanoTime() - zeroNanos) / 1_000_000
            : killedAtMillis;
    String origin = killed == null ? "the first copy" : "the alerting kill";
    return at.size()
        + " copies at "
        + at.stream().map(n -> signed((n - zeroNanos) / 1_000_000)).toList()
        + " ms from "
        + origin
        + "; ledger entries (version@ms): "
        + entries.stream()
            .map(e -> e.version() + "@" + signed(e.writtenMillis() - zeroMillis))
            .toList();
  }

  private static String signed(long ms) {
    return (ms >= 0 ? "+" : "") + ms;
  }

  /** From the kill until the survivor delivered every partition; null before a kill. */
  Duration takeover() {
    return takeover;
  }

  private static void sleep(long ms) {
    try {
      Thread.sleep(ms);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
  }

  private static void log(String what) {
    System.out.println("[cluster] " + what);
  }
}
