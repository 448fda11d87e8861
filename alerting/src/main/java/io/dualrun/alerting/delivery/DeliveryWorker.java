package io.dualrun.alerting.delivery;

import io.dualrun.alerting.kafka.GroupMembership;
import io.dualrun.alerting.model.AlertEvent;
import io.dualrun.alerting.receiver.Receiver;
import io.dualrun.alerting.receiver.ReceiverConfig;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Routes each alert emission to the receivers of its owner, skipping versions a receiver is already
 * done with (durable ledger), and periodically re-sends firing alerts to receivers that need it
 * (Alertmanager). Only alerts on the partitions of the alerts topic that the delivery group gives
 * this instance are delivered ({@link #assigned}, {@link #revoked}); every alert is kept in the
 * view.
 */
public final class DeliveryWorker implements GroupMembership.Listener, AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(DeliveryWorker.class);

  /** How long one attempt to read the ledger up to an assignment may take (then it is retried). */
  static final Duration LEDGER_SYNC = Duration.ofSeconds(30);

  /** How long giving partitions up waits for their deliveries in flight. */
  static final Duration RELEASE = Duration.ofSeconds(60);

  private final Map<String, ReceiverLane> lanes = new LinkedHashMap<>();
  private final Routes routes;
  private final AlertView view;
  private final DeliveryLedger ledger;
  private final Ownership ownership = new Ownership();
  private volatile boolean closed;
  private final ExecutorService handover = Executors.newSingleThreadExecutor(daemon("handover"));
  private final ScheduledExecutorService resender =
      Executors.newSingleThreadScheduledExecutor(daemon("alert-resender"));

  public DeliveryWorker(
      Map<ReceiverConfig, Receiver> receivers, Routes routes, AlertView view, LaneContext ctx) {
    this.routes = routes;
    this.view = view;
    this.ledger = ctx.ledger();
    receivers.forEach(
        (config, receiver) -> {
          lanes.put(
              config.name(), new ReceiverLane(receiver, config.rateLimit(), ctx, ownership::owns));
          if (receiver.resendsWhileFiring() && config.resendInterval() != null) {
            long ms = config.resendInterval().toMillis();
            resender.scheduleAtFixedRate(
                () -> resend(config.name()), ms, ms, TimeUnit.MILLISECONDS);
          }
        });
  }

  private static java.util.concurrent.ThreadFactory daemon(String name) {
    return r -> {
      Thread t = new Thread(r, name);
      t.setDaemon(true);
      return t;
    };
  }

  /**
   * A new emission read from partition {@code partition} of the alerts topic: kept in the view, and
   * delivered when this instance delivers that partition.
   */
  public void onAlert(AlertEvent e, int partition) {
    ownership.locate(e.alertId(), partition);
    if (view.update(e) && ownership.owns(e.alertId())) {
      submit(e);
    }
  }

  /**
   * The delivery group gave this instance {@code partitions}: once the ledger is read up to now
   * (what the previous owner recorded included), the latest version of each of their alerts is
   * delivered to the receivers not done with it.
   */
  @Override
  public void assigned(Set<Integer> partitions) {
    ownership.assign(partitions);
    handover.execute(() -> take(partitions));
  }

  private void take(Set<Integer> partitions) {
    while (!closed) {
      try {
        ledger.sync(LEDGER_SYNC);
        List<AlertEvent> alerts = ownership.take(partitions, view::alerts);
        alerts.forEach(this::submit);
        LOG.info(
            "delivering the alerts of partitions {} of the alerts topic ({} alerts); delivering"
                + " from {}",
            partitions,
            alerts.size(),
            ownership.delivering());
        return;
      } catch (IllegalStateException e) {
        LOG.warn(
            "partitions {} of the alerts topic: the delivery ledger cannot be read, retrying: {}",
            partitions,
            e.getMessage());
      }
    }
  }

  /**
   * The delivery group took {@code partitions} away: their alerts are no longer delivered here.
   * Returns once the deliveries in flight on them are finished and recorded in the ledger, so that
   * the next owner, which reads the ledger first, does not repeat them.
   */
  @Override
  public void revoked(Set<Integer> partitions) {
    ownership.revoke(partitions);
    CompletableFuture<?>[] released =
        lanes.values().stream().map(ReceiverLane::release).toArray(CompletableFuture[]::new);
    try {
      CompletableFuture.allOf(released).get(RELEASE.toMillis(), TimeUnit.MILLISECONDS);
    } catch (TimeoutException | ExecutionException e) {
      LOG.warn(
          "partitions {} of the alerts topic: a delivery still in flight after {} may be repeated"
              + " by the instance that takes them over",
          partitions,
          RELEASE);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    LOG.info(
        "no longer delivering the alerts of partitions {} of the alerts topic; delivering from {}",
        partitions,
        ownership.delivering());
  }

  private void submit(AlertEvent e) {
    for (String name : DeliveryPlan.receivers(e, routes, lanes.keySet(), ledger::done)) {
      lanes.get(name).submit(e, false);
    }
  }

  private void resend(String receiver) {
    ReceiverLane lane = lanes.get(receiver);
    for (AlertEvent e : view.alerts()) {
      if (e.firing()
          && ownership.owns(e.alertId())
          && routes.receiversFor(e.owner()).contains(receiver)
          && ledger.done(e.alertId(), receiver, e.version())) {
        lane.submit(e, true);
      }
    }
  }

  /** The partitions of the alerts topic this instance delivers from, in order. */
  public Set<Integer> delivering() {
    return ownership.delivering();
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
    closed = true;
    handover.shutdownNow();
    resender.shutdownNow();
    lanes.values().forEach(ReceiverLane::close);
  }
}
