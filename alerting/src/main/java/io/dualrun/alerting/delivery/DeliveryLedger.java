package io.dualrun.alerting.delivery;

import io.dualrun.alerting.kafka.KeyedLog;
import java.time.Duration;

/**
 * What each receiver is done with, per alert (compacted deliveries topic, key {@code
 * alertId|receiver}), written by whichever instance delivers the alert and read by all: after a
 * restart, or when another instance takes an alert over, only versions not yet done are delivered.
 */
public final class DeliveryLedger {
  private final KeyedLog<LedgerEntry> log;

  public DeliveryLedger(KeyedLog<LedgerEntry> log) {
    this.log = log;
  }

  static String key(String alertId, String receiver) {
    return alertId + "|" + receiver;
  }

  public LedgerEntry last(String alertId, String receiver) {
    return log.get(key(alertId, receiver));
  }

  /**
   * Waits until every entry written before this call, by any instance, is read.
   *
   * @throws IllegalStateException when that takes longer than {@code timeout}
   */
  public void sync(Duration timeout) {
    log.sync(timeout);
  }

  public boolean done(String alertId, String receiver, long version) {
    LedgerEntry e = last(alertId, receiver);
    return e != null && e.version() >= version;
  }

  public void record(String alertId, String receiver, LedgerEntry entry) {
    LedgerEntry e = last(alertId, receiver);
    if (e == null || e.version() <= entry.version()) {
      log.put(key(alertId, receiver), entry);
    }
  }
}
