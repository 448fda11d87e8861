package io.dualrun.alerting.delivery;

import io.dualrun.alerting.kafka.KeyedLog;

/**
 * What each receiver is done with, per alert (compacted deliveries topic, key {@code
 * alertId|receiver}): after a restart only versions not yet done are delivered.
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
