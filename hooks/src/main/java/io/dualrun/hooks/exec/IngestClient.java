package io.dualrun.hooks.exec;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;

/** Posts JSON records to an ingest service. */
public final class IngestClient {
  private static final ObjectMapper MAPPER = new ObjectMapper();
  private final HttpClient http;
  private final URI base;
  private final String token;
  private final Duration timeout;

  /** What became of a post. */
  public enum Outcome {
    /** 2xx: stored. */
    DELIVERED,
    /** 400: the records are invalid; sending them again will not help. */
    REJECTED,
    /** Not reachable, 5xx, 401, 413…: keep them and try later. */
    UNDELIVERED
  }

  /** The outcome with the server's answer (or the connection error). */
  public record Result(Outcome outcome, int status, String detail) {}

  public IngestClient(URI base, String token, Duration timeout) {
    this.http = HttpClient.newBuilder().connectTimeout(timeout).build();
    this.base = base;
    this.token = token;
    this.timeout = timeout;
  }

  /** Posts {@code records} as one JSON array to {@code path} (e.g. {@code /v1/events}). */
  public Result post(String path, List<? extends JsonNode> records) {
    try {
      HttpRequest.Builder request =
          HttpRequest.newBuilder(base.resolve(path))
              .timeout(timeout)
              .header("Content-Type", "application/json")
              .POST(HttpRequest.BodyPublishers.ofString(MAPPER.writeValueAsString(records)));
      if (token != null && !token.isBlank()) {
        request.header("Authorization", "Bearer " + token);
      }
      HttpResponse<String> response =
          http.send(request.build(), HttpResponse.BodyHandlers.ofString());
      int status = response.statusCode();
      Outcome outcome =
          status / 100 == 2
              ? Outcome.DELIVERED
              : status == 400 ? Outcome.REJECTED : Outcome.UNDELIVERED;
      return new Result(outcome, status, response.body());
    } catch (IOException e) {
      return new Result(Outcome.UNDELIVERED, 0, base + " is not reachable: " + e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return new Result(Outcome.UNDELIVERED, 0, "interrupted");
    }
  }
}
