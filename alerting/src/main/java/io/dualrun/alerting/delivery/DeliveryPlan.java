package io.dualrun.alerting.delivery;

import io.dualrun.alerting.model.AlertAction;
import io.dualrun.alerting.model.AlertEvent;
import java.util.Collection;
import java.util.List;

/** Which receivers an alert version still has to reach. */
final class DeliveryPlan {
  /** Whether a receiver is done with a version of an alert (the delivery ledger). */
  @FunctionalInterface
  interface Done {
    boolean done(String alertId, String receiver, long version);
  }

  private DeliveryPlan() {}

  /**
   * The receivers of {@code e}'s route, among {@code receivers}, that are not done with its
   * version; none for an alert that resolved before it was announced.
   */
  static List<String> receivers(
      AlertEvent e, Routes routes, Collection<String> receivers, Done done) {
    if (e.action() == AlertAction.NONE) {
      return List.of();
    }
    return routes.receiversFor(e.owner()).stream()
        .filter(receivers::contains)
        .filter(name -> !done.done(e.alertId(), name, e.version()))
        .toList();
  }
}
