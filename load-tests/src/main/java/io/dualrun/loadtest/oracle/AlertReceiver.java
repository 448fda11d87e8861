package io.dualrun.loadtest.oracle;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.Javalin;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * A webhook receiver for the alerting service ({@code POST /alerts}), on a fixed port once started
 * so it can be taken down and brought back. Keeps every delivery.
 */
public final class AlertReceiver implements AutoCloseable {
  /** The name the alerting instances know this receiver by. */
  public static final String NAME = "oracle";

  private static final ObjectMapper JSON = new ObjectMapper();

  /** One delivered notification. */
  public record Delivery(
      String alertId,
      String workflow,
      String kind,
      String action,
      String status,
      Set<String> partitions,
      String idempotencyKey,
      long receivedNanos) {
    public boolean firing() {
      return "FIRING".equals(status);
    }
  }

  private final List<Delivery> deliveries = new CopyOnWriteArrayList<>();
  private final List<Consumer<Delivery>> listeners = new CopyOnWriteArrayList<>();
  private volatile long lastNanos = System.nanoTime();
  private Javalin app;
  private int port;

  public static AlertReceiver start() {
    AlertReceiver r = new AlertReceiver();
    r.up();
    return r;
  }

  /** Starts listening (on the same port as before, after {@link #down()}). */
  public synchronized void up() {
    if (app != null) {
      return;
    }
    Javalin a = Javalin.create(c -> c.showJavalinBanner = false);
    a.post(
        "/alerts",
        ctx -> {
          receive(JSON.readTree(ctx.body()));
          ctx.status(200).result("{}");
        });
    a.start("127.0.0.1", port);
    port = a.port();
    app = a;
  }

  /** Stops listening: deliveries fail with connection refused until {@link #up()}. */
  public synchronized void down() {
    if (app != null) {
      app.stop();
      app = null;
    }
  }

  private void receive(JsonNode body) {
    Set<String> partitions = new TreeSet<>();
    body.path("partitions").forEach(p -> partitions.add(p.asText()));
    Delivery d =
        new Delivery(
            body.path("alertId").asText(),
            body.path("workflow").asText(),
            body.path("kind").asText(),
            body.path("action").asText(),
            body.path("status").asText(),
            partitions,
            body.path("idempotencyKey").asText(),
            System.nanoTime());
    lastNanos = d.receivedNanos();
    deliveries.add(d);
    listeners.forEach(l -> l.accept(d));
  }

  /**
   * Waits until no delivery has arrived for {@code gap}, for at most {@code patience}; returns
   * whether such a gap came.
   */
  public boolean awaitQuiet(Duration gap, Duration patience) {
    long deadline = System.nanoTime() + patience.toNanos();
    while (System.nanoTime() - lastNanos < gap.toNanos()) {
      if (System.nanoTime() >= deadline) {
        return false;
      }
      try {
        Thread.sleep(10);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return false;
      }
    }
    return true;
  }

  public void onDelivery(Consumer<Delivery> listener) {
    listeners.add(listener);
  }

  public String url() {
    return "http://127.0.0.1:" + port + "/alerts";
  }

  /**
   * Idempotency keys ({@code alertId/v<version>}) delivered more than once, with their count: a
   * notification is delivered once unless a delivery was in flight when its deliverer died.
   */
  public Map<String, Long> repeats() {
    Map<String, Long> counts = new TreeMap<>();
    deliveries.forEach(d -> counts.merge(d.idempotencyKey(), 1L, Long::sum));
    counts.values().removeIf(n -> n < 2);
    return counts;
  }

  /** When the copies of {@code idempotencyKey} arrived ({@link System#nanoTime()}), in order. */
  public List<Long> receivedAt(String idempotencyKey) {
    return deliveries.stream()
        .filter(d -> d.idempotencyKey().equals(idempotencyKey))
        .map(Delivery::receivedNanos)
        .sorted()
        .toList();
  }

  public List<Delivery> deliveries() {
    return new ArrayList<>(deliveries);
  }

  @Override
  public void close() {
    down();
  }
}
