package io.dualrun.alerting.receiver;

import java.time.Duration;
import java.util.Map;

/**
 * One configured receiver.
 *
 * @param name unique name used by routes
 * @param type the adapter
 * @param url base URL (webhook and Slack: the full URL; PagerDuty: the Events API base, {@code
 *     /v2/enqueue} is appended; Alertmanager: its base, {@code /api/v2/alerts} is appended)
 * @param routingKey PagerDuty integration key
 * @param headers extra HTTP headers (e.g. Authorization)
 * @param rateLimit deliveries allowed per period
 * @param timeout per-request timeout
 * @param resendInterval Alertmanager: how often firing alerts are re-sent
 * @param smtp e-mail settings
 */
public record ReceiverConfig(
    String name,
    ReceiverType type,
    String url,
    String routingKey,
    Map<String, String> headers,
    RateLimit rateLimit,
    Duration timeout,
    Duration resendInterval,
    SmtpSettings smtp) {
  public ReceiverConfig {
    headers = headers == null ? Map.of() : Map.copyOf(headers);
  }
}
