package io.dualrun.alerting.delivery;

import io.dualrun.alerting.model.AlertAction;
import io.dualrun.alerting.model.AlertEvent;
import io.dualrun.alerting.receiver.Receiver;
import io.dualrun.alerting.receiver.ReceiverConfig;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Routes each alert emission to the receivers of its owner, skipping versions a receiver is already
 * done with (durable ledger), and periodically re-sends firing alerts to receivers that need it
 * (Alertmanager).
 */
public final class DeliveryWorker implements AutoCloseable {
  private final Map<String, ReceiverLane> lanes = new LinkedHashMap<>();
  private final Routes routes;
  private final AlertView view;
  private final DeliveryLedger ledger;
  private volatile boolean delivering;
  private final ScheduledExecutorService resender =
      Executors.newSingleThreadScheduledExecutor(
          r -> {
            Thread t = new Thread(r, "alert-resender");
            t.setDaemon(true);
            return t;
          });

  public DeliveryWorker(
      Map<ReceiverConfig, Receiver> receivers, Routes routes, AlertView view, LaneContext ctx) {
    this.routes = routes;
    this.view = view;
    this.ledger = ctx.ledger();
    receivers.forEach(
        (config, receiver) -> {
          lanes.put(config.name(), new ReceiverLane(receiver, config.rateLimit(), ctx));
          if (receiver.resendsWhileFiring() && config.resendInterval() != null) {
            long ms = config.resendInterval().toMillis();
            resender.scheduleAtFixedRate(
                () -> resend(config.name()), ms, ms, TimeUnit.MILLISECONDS);
          }
        });
  }

  /**
   * A new emission read from the alerts topic. While the topic is replayed at start only the view
   * is updated; {@link #startDelivering} then submits the latest version of each alert once.
   */
  public void onAlert(AlertEvent e) {
    if (!view.update(e) || !delivering) {
      return;
    }
    submit(e);
  }

  /** Called once the alerts topic has been replayed: delivers what receivers are not done with. */
  public synchronized void startDelivering() {
    if (!delivering) {
      delivering = true;
      view.alerts().forEach(this::submit);
    }
  }

  private void submit(AlertEvent e) {
    if (e.action() == AlertAction.NONE) {
      return;
    }
    for (String name : routes.receiversFor(e.owner())) {
      ReceiverLane lane = lanes.get(name);
      if (lane != null && !ledger.done(e.alertId(), name, e.version())) {
        lane.submit(e, false);
      }
    }
  }

  private void resend(String receiver) {
    ReceiverLane lane = lanes.get(receiver);
    for (AlertEvent e : view.alerts()) {
      if (e.firing()
          && routes.receiversFor(e.owner()).contains(receiver)
          && ledger.done(e.alertId(), receiver, e.version())) {
        lane.submit(e, true);
      }
    }
  }

  /** Alerts waiting per receiver. */
  public Map<String, Integer> pending() {
    Map<String, Integer> out = new LinkedHashMap<>();
    lanes.forEach((name, lane) -> out.put(name, lane.pending()));
    return out;
  }

  public List<String> receiverNames() {
    return List.copyOf(lanes.keySet());
  }

  @Override
  public void close() {
    resender.shutdownNow();
    lanes.values().forEach(ReceiverLane::close);
  }
}
