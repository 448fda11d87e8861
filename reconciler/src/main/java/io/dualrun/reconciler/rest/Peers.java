package io.dualrun.reconciler.rest;

import com.fasterxml.jackson.databind.JsonNode;
import io.dualrun.schemas.json.AvroJson;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.apache.kafka.streams.state.HostInfo;

/** HTTP calls to other reconciler instances (found through Kafka Streams metadata). */
final class Peers {
  static final String FORWARDED = "X-Dualrun-Forwarded";

  /** With {@link #FORWARDED}: a standby copy may answer (the active instance did not). */
  static final String STALE_OK = "X-Dualrun-Stale-Ok";

  /**
   * A peer that does not answer within these is taken for dead, and a standby asked instead: both
   * together stay well within the 10 s a REST client should wait.
   */
  static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(2);

  static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(3);

  private final HttpClient http = HttpClient.newBuilder().connectTimeout(CONNECT_TIMEOUT).build();

  /** A peer's answer: status and JSON body. */
  record Answer(int status, JsonNode body) {}

  /**
   * GETs {@code pathAndQuery} from {@code host}, with the caller's {@code authorization} (null:
   * none), so that a peer protecting its reads lets through exactly who this instance did.
   */
  Answer get(HostInfo host, String pathAndQuery, String authorization, boolean staleOk)
      throws IOException {
    return get(host, pathAndQuery, authorization, staleOk, REQUEST_TIMEOUT);
  }

  /** As above, waiting at most {@code timeout} (and {@link #REQUEST_TIMEOUT}) for the answer. */
  Answer get(
      HostInfo host, String pathAndQuery, String authorization, boolean staleOk, Duration timeout)
      throws IOException {
    if (timeout.isZero() || timeout.isNegative()) {
      throw new java.net.http.HttpTimeoutException("no time left to ask " + host);
    }
    HttpRequest.Builder builder =
        HttpRequest.newBuilder(
                URI.create("http://" + host.host() + ":" + host.port() + pathAndQuery))
            .timeout(timeout.compareTo(REQUEST_TIMEOUT) < 0 ? timeout : REQUEST_TIMEOUT)
            .header(FORWARDED, "true")
            .GET();
    if (staleOk) {
      builder.header(STALE_OK, "true");
    }
    if (authorization != null) {
      builder.header("Authorization", authorization);
    }
    HttpRequest request = builder.build();
    try {
      HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
      return new Answer(response.statusCode(), AvroJson.MAPPER.readTree(response.body()));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while asking " + host, e);
    }
  }

  /** What went wrong with a call, for an error message (never "null"). */
  static String describe(IOException e) {
    String what = e.getClass().getSimpleName();
    return "did not answer ("
        + (e.getMessage() == null || e.getMessage().isBlank() ? what : what + ": " + e.getMessage())
        + ")";
  }
}
