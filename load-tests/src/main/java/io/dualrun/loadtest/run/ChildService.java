package io.dualrun.loadtest.run;

import io.dualrun.platform.ChildJvm;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A service instance in its own JVM ({@code <main> --config FILE}), killable with -9 and
 * restartable with the same configuration; its gauges are read from its {@code /metrics}.
 */
abstract class ChildService implements AutoCloseable {
  private final Class<?> main;
  private final Path config;
  private final Path log;
  private final String maxHeap;
  private final int httpPort;
  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
  private Process process;

  /** {@code httpPort}: where its HTTP server listens, 0 when it is not known in advance. */
  ChildService(Class<?> main, Path config, Path log, String maxHeap, int httpPort) {
    this.main = main;
    this.config = config;
    this.log = log;
    this.maxHeap = maxHeap;
    this.httpPort = httpPort;
  }

  final synchronized void launch() {
    process = ChildJvm.start(main, List.of("--config", config.toString()), maxHeap, log);
  }

  /** kill -9: no shutdown hook, no clean close. */
  public synchronized void kill() {
    if (process != null) {
      process.destroyForcibly();
      waitFor();
      process = null;
    }
  }

  public synchronized boolean alive() {
    return process != null && process.isAlive();
  }

  public synchronized long pid() {
    return process == null ? -1 : process.pid();
  }

  public Path log() {
    return log;
  }

  /**
   * The value of the gauge {@code name} (Prometheus name, no labels) on its {@code /metrics}; NaN
   * while it does not answer or has no such gauge.
   */
  final double gauge(String name) {
    if (httpPort <= 0) {
      return Double.NaN;
    }
    String prefix = name + " ";
    try {
      HttpResponse<String> r =
          http.send(
              HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + httpPort + "/metrics"))
                  .timeout(Duration.ofSeconds(3))
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      return r.body()
          .lines()
          .filter(l -> l.startsWith(prefix))
          .mapToDouble(l -> Double.parseDouble(l.substring(prefix.length()).trim()))
          .findFirst()
          .orElse(Double.NaN);
    } catch (IOException | NumberFormatException e) {
      return Double.NaN;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return Double.NaN;
    }
  }

  static void sleep(long ms) {
    try {
      Thread.sleep(ms);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
  }

  @Override
  public synchronized void close() {
    if (process != null) {
      process.destroy();
      waitFor();
      if (process.isAlive()) {
        process.destroyForcibly();
      }
      process = null;
    }
  }

  private void waitFor() {
    try {
      process.waitFor(30, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
