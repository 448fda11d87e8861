package io.dualrun.reconciler.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * GETs JSON from a reconciler's REST API (connect timeout 5 s, request timeout 30 s), with the
 * bearer token when one is given; every failure is a {@link ReportException} saying what happened.
 * Remembers the instances that answers named in {@code X-Dualrun-Stale-From} (lists partly read
 * from copies that may lag), for {@link #warnIfStale}.
 */
final class ReconcilerReader {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Duration TIMEOUT = Duration.ofSeconds(30);

  private final URI base;
  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  private final String token;

  private final java.util.Set<String> staleFrom = new java.util.LinkedHashSet<>();

  /**
   * @param token bearer token sent with every request, or null
   */
  ReconcilerReader(URI base, String token) {
    String text = base.toString();
    this.base = URI.create(text.endsWith("/") ? text : text + "/");
    this.token = token == null || token.isBlank() ? null : token.strip();
  }

  /**
   * How long a GET answered 503 with {@code Retry-After} (state moving between instances, the
   * reconciler starting: "retry shortly") is asked again before the 503 is the answer.
   */
  static final Duration PATIENCE = Duration.ofSeconds(10);

  JsonNode get(String path) throws ReportException {
    long until = System.nanoTime() + PATIENCE.toNanos();
    while (true) {
      try {
        return send("GET", path, null, 200);
      } catch (RetryLater e) {
        long wait = Math.min(e.after.toNanos(), until - System.nanoTime());
        if (wait <= 0) {
          throw e;
        }
        try {
          Thread.sleep(wait / 1_000_000);
        } catch (InterruptedException interrupted) {
          Thread.currentThread().interrupt();
          throw e;
        }
      }
    }
  }

  /** A 503 that says when to ask again. */
  private static final class RetryLater extends ReportException {
    private static final long serialVersionUID = 1L;
    private final transient Duration after;

    RetryLater(String message, Duration after) {
      super(message);
      this.after = after;
    }
  }

  /** The {@code Retry-After} of a 503 in seconds (1 to 10), or null when it gives none. */
  private static Duration retryAfter(HttpResponse<String> response) {
    if (response.statusCode() != 503) {
      return null;
    }
    try {
      return response
          .headers()
          .firstValue("Retry-After")
          .map(v -> Duration.ofSeconds(Math.max(1, Math.min(10, Long.parseLong(v.strip())))))
          .orElse(null);
    } catch (NumberFormatException e) {
      return null;
    }
  }

  /**
   * Sends {@code body} (or nothing) with {@code method} and answers the JSON reply (an empty object
   * when there is none), when the status is {@code expected}; otherwise a {@link ReportException}
   * naming the status and each reason the reply gives.
   */
  JsonNode send(String method, String path, JsonNode body, int expected) throws ReportException {
    URI uri = base.resolve(path);
    HttpResponse<String> response;
    try {
      HttpRequest.Builder request =
          HttpRequest.newBuilder(uri)
              .timeout(TIMEOUT)
              .header("Accept", "application/json")
              .method(
                  method,
                  body == null
                      ? HttpRequest.BodyPublishers.noBody()
                      : HttpRequest.BodyPublishers.ofString(body.toString()));
      if (body != null) {
        request.header("Content-Type", "application/json");
      }
      if (token != null) {
        request.header("Authorization", "Bearer " + token);
      }
      response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new ReportException("cannot reach " + uri + ": " + describe(e));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new ReportException("interrupted while asking " + uri);
    } catch (IllegalArgumentException e) {
      throw new ReportException("not a usable URL " + uri + ": " + e.getMessage());
    }
    response
        .headers()
        .firstValue(STALE_HEADER)
        .ifPresent(
            v ->
                java.util.Arrays.stream(v.split(","))
                    .map(String::strip)
                    .filter(h -> !h.isEmpty())
                    .forEach(staleFrom::add));
    JsonNode reply =
        response.body().isBlank() ? JSON.createObjectNode() : parse(uri, response.body());
    if (response.statusCode() != expected) {
      String reason = reason(reply);
      String message =
          uri + " answered " + response.statusCode() + (reason.isEmpty() ? "" : ": " + reason);
      Duration after = retryAfter(response);
      throw after == null ? new ReportException(message) : new RetryLater(message, after);
    }
    return reply;
  }

  /** The header naming the instances whose pairs a list took from copies that may lag. */
  static final String STALE_HEADER = io.dualrun.reconciler.rest.ReconcilerRoutes.STALE_HEADER;

  /**
   * When an answer so far was partly read from copies that may lag, one line on {@code err}
   * starting with {@code command}: which instances, and to ask again.
   */
  void warnIfStale(java.io.PrintWriter err, String command) {
    if (staleFrom.isEmpty()) {
      return;
    }
    err.println(
        command
            + ": warning: the pairs of "
            + String.join(", ", staleFrom)
            + " were read from copies that may lag (that instance did not answer, or a rebalance"
            + " was moving its state); ask again for an up-to-date answer");
    err.flush();
  }

  /** {@code error}, or every {@code errors[].field: reason}, of a refusal. */
  private static String reason(JsonNode reply) {
    if (reply.path("errors").isArray()) {
      java.util.List<String> reasons = new java.util.ArrayList<>();
      reply
          .path("errors")
          .forEach(
              e ->
                  reasons.add(
                      (e.path("field").asText("").isEmpty() ? "" : e.path("field").asText() + ": ")
                          + e.path("reason").asText()));
      return String.join("; ", reasons);
    }
    return reply.path("error").asText("");
  }

  private static JsonNode parse(URI uri, String body) throws ReportException {
    try {
      return JSON.readTree(body);
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new ReportException(uri + " did not answer JSON: " + e.getOriginalMessage());
    }
  }

  private static String describe(IOException e) {
    String message = e.getMessage();
    Throwable cause = e.getCause();
    if ((message == null || message.isBlank()) && cause != null) {
      message = cause.getMessage();
    }
    String kind = e.getClass().getSimpleName();
    return message == null || message.isBlank() ? kind : kind + " " + message.strip();
  }
}
