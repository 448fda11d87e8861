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
  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(3)).build();

  /** A peer's answer: status and JSON body. */
  record Answer(int status, JsonNode body) {}

  /**
   * GETs {@code pathAndQuery} from {@code host}, with the caller's {@code authorization} (null:
   * none), so that a peer protecting its reads lets through exactly who this instance did.
   */
  Answer get(HostInfo host, String pathAndQuery, String authorization) throws IOException {
    HttpRequest.Builder builder =
        HttpRequest.newBuilder(
                URI.create("http://" + host.host() + ":" + host.port() + pathAndQuery))
            .timeout(Duration.ofSeconds(10))
            .header(FORWARDED, "true")
            .GET();
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
}
