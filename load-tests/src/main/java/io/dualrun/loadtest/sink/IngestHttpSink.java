package io.dualrun.loadtest.sink;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.dualrun.loadtest.gen.Timed;
import io.dualrun.schemas.json.AvroJson;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Posts records to ingest in batches ({@code POST /v1/events}, {@code POST /v1/fingerprints}). A
 * 503 is retried with the same body (event ids make that harmless). Every {@code garbageEvery}
 * batches, a malformed body is posted too: it must be answered 400, anything else fails the run.
 */
public final class IngestHttpSink implements LoadSink {
  private static final int ATTEMPTS = 30;

  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private final URI base;
  private final String token;
  private final int batchSize;
  private final int garbageEvery;
  private ArrayNode events = JsonNodeFactory.instance.arrayNode();
  private ArrayNode fingerprints = JsonNodeFactory.instance.arrayNode();
  private final AtomicLong requests = new AtomicLong();
  private final AtomicLong records = new AtomicLong();
  private final AtomicLong garbageRefused = new AtomicLong();
  private final AtomicLong unavailable = new AtomicLong();
  private long batches;

  /** {@code garbageEvery} 0: no garbage. */
  public IngestHttpSink(URI base, String token, int batchSize, int garbageEvery) {
    this.base = base;
    this.token = token;
    this.batchSize = batchSize;
    this.garbageEvery = garbageEvery;
  }

  @Override
  public synchronized void send(Timed r) {
    (r.isEvent() ? events : fingerprints)
        .add(AvroJson.write((org.apache.avro.generic.IndexedRecord) r.record()));
    if (events.size() + fingerprints.size() >= batchSize) {
      flush();
    }
  }

  @Override
  public synchronized void flush() {
    post("/v1/events", events);
    post("/v1/fingerprints", fingerprints);
    events = JsonNodeFactory.instance.arrayNode();
    fingerprints = JsonNodeFactory.instance.arrayNode();
  }

  private void post(String path, ArrayNode batch) {
    if (batch.isEmpty()) {
      return;
    }
    batches++;
    if (garbageEvery > 0 && batches % garbageEvery == 0) {
      garbage(path.equals("/v1/events"), (int) (batches / garbageEvery));
    }
    String body = batch.toString();
    for (int attempt = 1; ; attempt++) {
      HttpResponse<String> answer = request(path, body);
      requests.incrementAndGet();
      if (answer.statusCode() == 202) {
        records.addAndGet(batch.size());
        return;
      }
      if (answer.statusCode() == 503) {
        unavailable.incrementAndGet();
      }
      if (answer.statusCode() != 503 || attempt >= ATTEMPTS) {
        throw new IllegalStateException(
            "ingest answered " + answer.statusCode() + " to " + path + ": " + answer.body());
      }
      pause(1000);
    }
  }

  private void garbage(boolean eventsEndpoint, int n) {
    String path = eventsEndpoint ? "/v1/events" : "/v1/fingerprints";
    HttpResponse<String> answer = request(path, Garbage.pick(eventsEndpoint, n));
    if (answer.statusCode() != 400) {
      throw new IllegalStateException(
          "ingest answered "
              + answer.statusCode()
              + " (not 400) to garbage on "
              + path
              + ": "
              + answer.body());
    }
    garbageRefused.incrementAndGet();
  }

  private HttpResponse<String> request(String path, String body) {
    HttpRequest request =
        HttpRequest.newBuilder(base.resolve(path))
            .timeout(Duration.ofSeconds(60))
            .header("Content-Type", "application/json")
            .header("Authorization", "Bearer " + token)
            .POST(HttpRequest.BodyPublishers.ofString(body))
            .build();
    for (int attempt = 1; ; attempt++) {
      try {
        return http.send(request, HttpResponse.BodyHandlers.ofString());
      } catch (IOException e) {
        if (attempt >= ATTEMPTS) {
          throw new IllegalStateException("cannot reach ingest at " + base + ": " + e, e);
        }
        pause(1000);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted while posting to ingest", e);
      }
    }
  }

  private static void pause(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
  }

  public long requests() {
    return requests.get();
  }

  public long records() {
    return records.get();
  }

  /** Answers 503 (Kafka could not take the batch in time; the batch was then posted again). */
  public long unavailable() {
    return unavailable.get();
  }

  /** Garbage bodies posted and refused with 400. */
  public long garbageRefused() {
    return garbageRefused.get();
  }

  @Override
  public void close() {
    flush();
  }
}
