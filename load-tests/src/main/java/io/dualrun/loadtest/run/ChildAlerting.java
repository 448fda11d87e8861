package io.dualrun.loadtest.run;

import io.dualrun.alerting.AlertingMain;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;

/**
 * An alerting instance in its own JVM ({@code AlertingMain --config}) on a fixed HTTP port,
 * killable with -9; it tells how many partitions of the alerts topic it delivers.
 */
public final class ChildAlerting extends ChildService {
  private static final String GAUGE = "dualrun_alerting_delivery_partitions ";

  private final String name;
  private final int httpPort;
  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

  ChildAlerting(String name, Path config, Path log, int httpPort) {
    super(AlertingMain.class, config, log, "384m");
    this.name = name;
    this.httpPort = httpPort;
  }

  public ChildAlerting start() {
    launch();
    return this;
  }

  public String name() {
    return name;
  }

  /**
   * The partitions of the alerts topic this instance delivers, from its {@code /metrics}; -1 while
   * it does not answer.
   */
  public int deliveryPartitions() {
    try {
      HttpResponse<String> r =
          http.send(
              HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + httpPort + "/metrics"))
                  .timeout(Duration.ofSeconds(3))
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      return r.body()
          .lines()
          .filter(l -> l.startsWith(GAUGE))
          .mapToInt(l -> (int) Double.parseDouble(l.substring(GAUGE.length()).trim()))
          .findFirst()
          .orElse(-1);
    } catch (IOException e) {
      return -1;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return -1;
    }
  }
}
