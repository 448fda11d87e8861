package io.dualrun.containers;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A hook posting run events to ingest without pause, as a scheduler under load would: batches of
 * {@link #RUNS} runs (STARTED and SUCCEEDED each) with their own event ids, and the same batch
 * again after any answer but 202 (ingest's contract: a retry of the same ids is harmless). Keeps
 * which ids were acknowledged, which were sent more than once, and every answer's status.
 */
final class IngestLoad implements AutoCloseable {
  static final int RUNS = 5;
  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private final URI events;
  private final String token;
  private final String tag;
  private final Set<String> acknowledged = ConcurrentHashMap.newKeySet();
  private final Set<String> resent = ConcurrentHashMap.newKeySet();
  private final Map<String, Integer> answers = new ConcurrentHashMap<>();
  private final List<Instant> acknowledgedAt = Collections.synchronizedList(new ArrayList<>());
  private final AtomicBoolean running = new AtomicBoolean(true);
  private final Thread thread;
  private volatile Throwable failure;

  IngestLoad(String ingestUrl, String token, String tag) {
    this.events = URI.create(ingestUrl + "/v1/events");
    this.token = token;
    this.tag = tag;
    this.thread = new Thread(this::loop, "ingest-load");
    thread.start();
  }

  String workflowPrefix() {
    return tag + "-";
  }

  private void loop() {
    int batch = 0;
    try {
      while (running.get()) {
        post(batch++);
        Thread.sleep(20);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (RuntimeException e) {
      failure = e;
    }
  }

  /** Posts batch {@code n} until ingest acknowledges it (or the load is stopped). */
  private void post(int n) throws InterruptedException {
    List<String> ids = new ArrayList<>();
    StringBuilder body = new StringBuilder("[");
    for (int run = 0; run < RUNS; run++) {
      String workflow = tag + "-" + n + "-" + run;
      for (String status : List.of("STARTED", "SUCCEEDED")) {
        String id = workflow + "-" + status.toLowerCase(java.util.Locale.ROOT);
        ids.add(id);
        body.append(body.length() > 1 ? "," : "")
            .append("{\"eventId\":\"")
            .append(id)
            .append("\",\"workflow\":\"")
            .append(workflow)
            .append("\",\"partition\":\"2026-11-12\",\"side\":\"baseline\",")
            .append("\"orchestrator\":\"cron\",\"runId\":\"")
            .append(workflow)
            .append("\",\"attempt\":1,\"status\":\"")
            .append(status)
            .append("\",\"eventTime\":\"2026-11-13T06:00:00Z\"}");
      }
    }
    body.append(']');
    HttpRequest request =
        HttpRequest.newBuilder(events)
            .timeout(Duration.ofSeconds(90))
            .header("Authorization", "Bearer " + token)
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(body.toString()))
            .build();
    for (int attempt = 1; running.get() || attempt > 1; attempt++) {
      if (attempt > 1) {
        resent.addAll(ids);
      }
      int status;
      try {
        status = http.send(request, HttpResponse.BodyHandlers.ofString()).statusCode();
      } catch (java.io.IOException e) {
        status = -1; // no answer: the connection failed or timed out
      }
      answers.merge(status == -1 ? "no answer" : Integer.toString(status), 1, Integer::sum);
      if (status == 202) {
        acknowledged.addAll(ids);
        acknowledgedAt.add(Instant.now());
        return;
      }
      if (status == 400 || status == 401 || status == 413) {
        throw new IllegalStateException("ingest refused a well-formed batch: HTTP " + status);
      }
      if (attempt > 50) {
        throw new IllegalStateException("ingest did not take batch " + n + " in 50 attempts");
      }
      Thread.sleep(1000);
    }
  }

  /** Batches acknowledged between {@code from} and {@code to}. */
  long acknowledgedBetween(Instant from, Instant to) {
    synchronized (acknowledgedAt) {
      return acknowledgedAt.stream().filter(t -> !t.isBefore(from) && t.isBefore(to)).count();
    }
  }

  Set<String> acknowledged() {
    return Set.copyOf(acknowledged);
  }

  Set<String> resent() {
    return Set.copyOf(resent);
  }

  Map<String, Integer> answers() {
    return new TreeMap<>(answers);
  }

  /** Stops after the batch in flight is acknowledged; rethrows what stopped the load early. */
  @Override
  public void close() throws InterruptedException {
    running.set(false);
    thread.join(Duration.ofMinutes(3).toMillis());
    if (failure != null) {
      throw new AssertionError("the load stopped: " + failure.getMessage(), failure);
    }
  }
}
