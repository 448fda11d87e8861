package io.dualrun.reconciler.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads {@code /v1/readiness} (or {@code /v1/readiness/{workflow}}) and {@code /v1/workflows} (for
 * the open breaches) and joins them into {@link ReadinessRow}s.
 */
final class ReadinessClient {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Duration TIMEOUT = Duration.ofSeconds(30);

  private final URI base;
  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  private final String token;

  /**
   * @param token bearer token sent with every request, or null
   */
  ReadinessClient(URI base, String token) {
    String text = base.toString();
    this.base = URI.create(text.endsWith("/") ? text : text + "/");
    this.token = token == null || token.isBlank() ? null : token.strip();
  }

  List<ReadinessRow> fetch(String workflow) throws ReportException {
    JsonNode readiness =
        get(workflow == null ? "v1/readiness" : "v1/readiness/" + encode(workflow));
    Map<String, JsonNode> summaries = new HashMap<>();
    get("v1/workflows").forEach(s -> summaries.put(s.path("workflow").asText(), s));
    List<ReadinessRow> rows = new ArrayList<>();
    if (readiness.isArray()) {
      readiness.forEach(r -> rows.add(row(r, summaries)));
    } else {
      rows.add(row(readiness, summaries));
    }
    return rows;
  }

  private static ReadinessRow row(JsonNode readiness, Map<String, JsonNode> summaries) {
    return ReadinessRow.of(readiness, summaries.get(readiness.path("workflow").asText()));
  }

  private JsonNode get(String path) throws ReportException {
    URI uri = base.resolve(path);
    HttpResponse<String> response;
    try {
      HttpRequest.Builder request =
          HttpRequest.newBuilder(uri).timeout(TIMEOUT).header("Accept", "application/json").GET();
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
    JsonNode body = parse(uri, response.body());
    if (response.statusCode() != 200) {
      String reason = body.path("error").asText("");
      throw new ReportException(
          uri + " answered " + response.statusCode() + (reason.isEmpty() ? "" : ": " + reason));
    }
    return body;
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

  private static String encode(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
  }
}
