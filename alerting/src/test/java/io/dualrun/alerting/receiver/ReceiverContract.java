package io.dualrun.alerting.receiver;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.JsonNode;
import io.dualrun.alerting.Fixtures;
import io.dualrun.alerting.HttpPeer;
import io.dualrun.alerting.model.AlertAction;
import io.dualrun.alerting.model.Json;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What every HTTP receiver adapter must do, run against a real local HTTP server: deliver firing
 * and resolved alerts in its peer's format, report 2xx as delivered, 429/5xx/timeouts/connection
 * refused as retryable failures and other 4xx as final.
 */
abstract class ReceiverContract {
  protected HttpPeer peer;

  abstract ReceiverType type();

  /** Checks the peer-specific format of a delivered firing (or resolved) alert. */
  abstract void checkFormat(HttpPeer.Request request, JsonNode body, boolean resolve);

  ReceiverConfig config(String url) {
    return new ReceiverConfig(
        "contract",
        type(),
        url,
        "R0UT1NGKEY0123456789012345678901",
        Map.of("X-Test", "yes"),
        RateLimit.UNLIMITED,
        Duration.ofSeconds(2),
        Duration.ofMinutes(1),
        null);
  }

  Receiver receiver() {
    return Receivers.create(config(peer.url()));
  }

  @BeforeEach
  void startPeer() {
    peer = HttpPeer.start();
  }

  @AfterEach
  void stopPeer() {
    peer.close();
  }

  @Test
  void deliversAFiringAlertInItsFormat() throws Exception {
    int status =
        receiver()
            .deliver(Fixtures.outgoing(Fixtures.firing("revenue-daily", 30, AlertAction.OPEN)));
    assertThat(status).isBetween(200, 299);
    assertThat(peer.requests()).hasSize(1);
    HttpPeer.Request request = peer.requests().get(0);
    assertThat(request.method()).isEqualTo("POST");
    assertThat(request.header("Content-Type")).startsWith("application/json");
    assertThat(request.header("X-Test")).isEqualTo("yes");
    checkFormat(request, Json.MAPPER.readTree(request.body()), false);
  }

  @Test
  void deliversAResolveInItsFormat() throws Exception {
    receiver().deliver(Fixtures.outgoing(Fixtures.firing("revenue-daily", 3, AlertAction.RESOLVE)));
    HttpPeer.Request request = peer.requests().get(0);
    checkFormat(request, Json.MAPPER.readTree(request.body()), true);
  }

  @Test
  void aServerErrorIsRetryable() {
    peer.answer(503);
    DeliveryException e = attempt();
    assertThat(e.retryable()).isTrue();
    assertThat(e.statusCode()).isEqualTo(503);
  }

  @Test
  void tooManyRequestsIsRetryable() {
    peer.answer(429);
    assertThat(attempt().retryable()).isTrue();
  }

  @Test
  void aBadRequestIsFinal() {
    peer.answer(400);
    DeliveryException e = attempt();
    assertThat(e.retryable()).isFalse();
    assertThat(e.getMessage()).contains("400");
  }

  @Test
  void aPeerThatIsDownIsRetryable() {
    peer.stop();
    DeliveryException e = attempt();
    assertThat(e.retryable()).isTrue();
    assertThat(e.statusCode()).isNull();
  }

  @Test
  void aPeerSlowerThanTheTimeoutIsRetryable() {
    peer.delay(Duration.ofSeconds(4));
    assertThat(attempt().retryable()).isTrue();
  }

  private DeliveryException attempt() {
    return catchThrowableOfType(
        DeliveryException.class,
        () -> receiver().deliver(Fixtures.outgoing(Fixtures.firing("w", 1, AlertAction.OPEN))));
  }
}
