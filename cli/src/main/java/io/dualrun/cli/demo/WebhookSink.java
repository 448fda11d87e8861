package io.dualrun.cli.demo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.Javalin;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A local webhook receiver that keeps what alerting sends it, for the demo's printout: one {@link
 * Notice} per alert version (a retried delivery, with the same idempotency key, counts once).
 */
public final class WebhookSink implements AutoCloseable {
  private static final ObjectMapper JSON = new ObjectMapper();
  private final Map<String, Notice> received = new LinkedHashMap<>();
  private final Javalin app;
  private long lastChange = System.nanoTime();

  /**
   * One notification: which alert, its version, what happened (OPEN, UPDATE, REPEAT, RESOLVE) and
   * its title.
   */
  public record Notice(String alertId, long version, String action, String title)
      implements Comparable<Notice> {
    private static final Comparator<Notice> ORDER =
        Comparator.comparing(Notice::alertId).thenComparingLong(Notice::version);

    /** {@code OPEN customer-dim: ROW_COUNT on 2 partitions (critical)}. */
    public String line() {
      String t =
          title.startsWith("[") && title.contains("] ")
              ? title.substring(title.indexOf("] ") + 2)
              : title;
      return String.format("%-8s %s", action, t);
    }

    @Override
    public int compareTo(Notice other) {
      return ORDER.compare(this, other);
    }
  }

  private WebhookSink() {
    app =
        Javalin.create(c -> c.showJavalinBanner = false)
            .post(
                "/alerts",
                ctx -> {
                  add(ctx.body());
                  ctx.status(200);
                });
    app.start("127.0.0.1", 0);
  }

  public static WebhookSink start() {
    return new WebhookSink();
  }

  public String url() {
    return "http://127.0.0.1:" + app.port() + "/alerts";
  }

  private synchronized void add(String body) {
    Notice n = notice(body);
    received.put(n.alertId() + "#" + n.version() + "#" + n.action(), n);
    lastChange = System.nanoTime();
  }

  private static Notice notice(String body) {
    try {
      JsonNode n = JSON.readTree(body);
      return new Notice(
          n.path("alertId").asText("?"),
          n.path("alertVersion").asLong(),
          n.path("action").asText("?"),
          n.path("title").asText(body));
    } catch (java.io.IOException e) {
      return new Notice("?", 0, "?", "(not JSON) " + body);
    }
  }

  /**
   * Waits until nothing arrived for {@code quiet} (at most {@code max}); returns what arrived, by
   * alert and version.
   */
  public List<Notice> awaitQuiet(Duration quiet, Duration max) throws InterruptedException {
    long end = System.nanoTime() + max.toNanos();
    while (System.nanoTime() < end) {
      synchronized (this) {
        if (!received.isEmpty() && System.nanoTime() - lastChange > quiet.toNanos()) {
          return sorted();
        }
      }
      Thread.sleep(200);
    }
    synchronized (this) {
      return sorted();
    }
  }

  /** Waits (at most {@code max}) until a notice {@code wanted} accepts has arrived. */
  public boolean awaitNotice(java.util.function.Predicate<Notice> wanted, Duration max)
      throws InterruptedException {
    long end = System.nanoTime() + max.toNanos();
    while (true) {
      synchronized (this) {
        if (received.values().stream().anyMatch(wanted)) {
          return true;
        }
      }
      if (System.nanoTime() > end) {
        return false;
      }
      Thread.sleep(200);
    }
  }

  private List<Notice> sorted() {
    List<Notice> all = new ArrayList<>(received.values());
    all.sort(null);
    return all;
  }

  @Override
  public void close() {
    app.stop();
  }
}
