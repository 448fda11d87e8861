package io.dualrun.alerting.fold;

import io.dualrun.alerting.model.AlertState;

/** Where folded alert states and the last applied revision of each pair live. */
public interface AlertStore {
  AlertState get(String alertId);

  void put(AlertState state);

  /** Last verdict revision applied for {@code pairKey}, or 0. */
  int revision(String pairKey);

  void revision(String pairKey, int revision);
}
