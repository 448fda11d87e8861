package io.dualrun.alerting.receiver;

import io.dualrun.alerting.model.AlertEvent;
import io.dualrun.alerting.model.Member;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Generic webhook: POSTs the documented JSON body (see docs/alerting.md) with an {@code
 * Idempotency-Key} header, the same for every retry of one alert version.
 */
public final class WebhookReceiver extends HttpReceiver {
  public static final String IDEMPOTENCY_HEADER = "Idempotency-Key";

  public WebhookReceiver(ReceiverConfig config) {
    super(config, ReceiverType.WEBHOOK, null);
  }

  @Override
  public int deliver(ReceiverRequest out) throws DeliveryException {
    return post(body(out), Map.of(IDEMPOTENCY_HEADER, out.idempotencyKey()));
  }

  static Map<String, Object> body(ReceiverRequest out) {
    AlertEvent a = out.alert();
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("version", 1);
    body.put("idempotencyKey", out.idempotencyKey());
    body.put("alertId", a.alertId());
    body.put("alertVersion", a.version());
    body.put("action", out.action().name());
    body.put("status", a.status().name());
    body.put("workflow", a.workflow());
    body.put("kind", a.kind());
    body.put("severity", a.severity());
    body.put("owner", a.owner());
    body.put("partitionCount", a.partitionCount());
    body.put("partitions", a.partitions());
    body.put("added", a.added());
    body.put("removed", a.removed());
    body.put("openedAt", a.openedAt());
    body.put("resolvedAt", a.resolvedAt());
    body.put("time", out.now());
    body.put("title", out.message().title());
    body.put("text", out.message().text());
    body.put("pairUrls", pairUrls(out, a.partitions()));
    body.put("members", a.members().stream().map(Member.class::cast).toList());
    return body;
  }

  private static Map<String, String> pairUrls(ReceiverRequest out, List<String> partitions) {
    Map<String, String> urls = new LinkedHashMap<>();
    partitions.stream()
        .limit(AlertEvent.MAX_MEMBERS)
        .forEach(
            p -> {
              String u = out.pairLinks().url(out.alert().workflow(), p);
              if (u != null) {
                urls.put(p, u);
              }
            });
    return urls;
  }
}
