package io.dualrun.loadtest.bench;

import io.dualrun.platform.LocalPlatform;
import io.dualrun.reconciler.ReconcilerMain;
import io.dualrun.reconciler.ReconcilerService;
import io.dualrun.service.lifecycle.ServiceHost;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/** One reconciler with its REST routes, in this JVM, started from a config file. */
record InProcessReconciler(ServiceHost app) implements AutoCloseable {

  static InProcessReconciler start(Path config) {
    return new InProcessReconciler(
        ReconcilerService.run(ReconcilerMain.load(config).withHttpPort(0)));
  }

  /**
   * Writes a reconciler config file: the platform's broker, registry and topic partitions, then
   * {@code rest} (more top-level YAML, e.g. the {@code reconciler:} block).
   */
  static Path writeConfig(Path file, LocalPlatform p, int partitions, String rest) {
    String yaml =
        "kafka: {bootstrap-servers: \""
            + p.bootstrapServers()
            + "\"}\nregistry: {url: \""
            + p.registryUrl()
            + "\"}\ntopics: {partitions: "
            + partitions
            + "}\n"
            + rest;
    try {
      Files.createDirectories(file.getParent());
      return Files.writeString(file, yaml);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Waits until every one of {@code pairs} ({@code workflow/partition}) answers 200. */
  void awaitQueryable(List<String> pairs, Duration patience) {
    HttpClient http = HttpClient.newHttpClient();
    long deadline = System.nanoTime() + patience.toNanos();
    while (System.nanoTime() < deadline) {
      if (pairs.stream().allMatch(p -> ok(http, p))) {
        return;
      }
      ReplayBench.sleep(100);
    }
    throw new IllegalStateException(
        "the reconciler's pairs " + pairs + " did not become queryable within " + patience);
  }

  private boolean ok(HttpClient http, String pair) {
    try {
      URI uri = URI.create("http://127.0.0.1:" + app.port() + "/v1/pairs/" + pair);
      return http.send(HttpRequest.newBuilder(uri).build(), HttpResponse.BodyHandlers.discarding())
              .statusCode()
          == 200;
    } catch (IOException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  @Override
  public void close() {
    app.close();
  }
}
