package io.dualrun.cli.demo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.Javalin;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** A local webhook receiver that keeps what alerting sends it, for the demo's printout. */
public final class WebhookSink implements AutoCloseable {
  private static final ObjectMapper JSON = new ObjectMapper();
  private final List<String> received = new ArrayList<>();
  private final Javalin app;
  private long lastChange = System.nanoTime();

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
    received.add(summary(body));
    lastChange = System.nanoTime();
  }

  private static String summary(String body) {
    try {
      JsonNode n = JSON.readTree(body);
      for (String field : List.of("title", "summary", "text")) {
        if (n.hasNonNull(field)) {
          return n.get(field).asText();
        }
      }
    } catch (java.io.IOException e) {
      return "(not JSON) " + body;
    }
    return body;
  }

  /** Waits until nothing arrived for {@code quiet} (at most {@code max}); returns what arrived. */
  public List<String> awaitQuiet(Duration quiet, Duration max) throws InterruptedException {
    long end = System.nanoTime() + max.toNanos();
    while (System.nanoTime() < end) {
      synchronized (this) {
        if (!received.isEmpty() && System.nanoTime() - lastChange > quiet.toNanos()) {
          return List.copyOf(received);
        }
      }
      Thread.sleep(200);
    }
    synchronized (this) {
      return List.copyOf(received);
    }
  }

  @Override
  public void close() {
    app.stop();
  }
}
