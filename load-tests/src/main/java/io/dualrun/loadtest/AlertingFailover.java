package io.dualrun.loadtest;

import io.dualrun.loadtest.oracle.AlertReceiver;
import io.dualrun.loadtest.run.ChildAlerting;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The alerting fault of {@link ClusterFaultScenario}: two alerting instances sharing one
 * application id; the active one (delivering the most partitions of the alerts topic) is killed
 * with -9 between two deliveries, the time until the other delivers every partition is measured,
 * and the killed one is restarted and waited for until it has taken some partitions back.
 */
final class AlertingFailover {
  /**
   * How long without a delivery at the receiver before the kill: a delivery made but not yet
   * recorded in the ledger when its instance dies is repeated (with the same idempotency key),
   * which the run counts as a repeat; 300 ms is well past the ledger write that follows a delivery.
   */
  static final Duration QUIET = Duration.ofMillis(300);

  private static final Duration PATIENCE = Duration.ofSeconds(60);

  /**
   * How long before the kill a delivery may have been made and still not be recorded in the ledger
   * (a notification-log and a ledger write, each acknowledged by two replicas, then read back).
   */
  static final Duration IN_FLIGHT = Duration.ofSeconds(5);

  private final ChildAlerting a;
  private final ChildAlerting b;
  private final AlertReceiver receiver;
  private final int partitions;
  private ChildAlerting killed;
  private volatile Duration takeover;
  private volatile long killedAt;

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
   * Idempotency keys delivered more than once, with their count, but for those {@link
   * #repeatedInFlight()}.
   */
  Map<String, Long> unexplainedRepeats() {
    Map<String, Long> repeats = new TreeMap<>(receiver.repeats());
    repeats.keySet().removeAll(repeatedInFlight());
    return repeats;
  }

  /**
   * Keys delivered once by the killed instance within {@link #IN_FLIGHT} before the kill and once
   * more by the survivor after it: the documented repeat of a delivery not yet in the ledger.
   */
  Set<String> repeatedInFlight() {
    return killed == null ? Set.of() : receiver.repeatsExplainedBy(killedAt, IN_FLIGHT);
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
