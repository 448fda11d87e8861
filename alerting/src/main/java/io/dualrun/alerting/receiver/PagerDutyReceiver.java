package io.dualrun.alerting.receiver;

import io.dualrun.alerting.model.AlertEvent;
import io.dualrun.alerting.render.RenderedAlert;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * PagerDuty Events API v2 ({@code POST /v2/enqueue}): {@code trigger} while firing, {@code resolve}
 * on resolve, {@code dedup_key} = alertId so every retry, update and repeat lands on one incident.
 */
public final class PagerDutyReceiver extends HttpReceiver {
  static final int SUMMARY_MAX = 1024;
  static final int LINKS_MAX = 10;

  private final String routingKey;

  public PagerDutyReceiver(ReceiverConfig config) {
    super(config, ReceiverType.PAGERDUTY, "v2/enqueue");
    this.routingKey = config.routingKey();
  }

  @Override
  public int deliver(ReceiverRequest out) throws DeliveryException {
    return post(event(out, routingKey), Map.of());
  }

  static Map<String, Object> event(ReceiverRequest out, String routingKey) {
    AlertEvent a = out.alert();
    RenderedAlert m = out.message();
    Map<String, Object> event = new LinkedHashMap<>();
    event.put("routing_key", routingKey);
    event.put("event_action", out.resolve() ? "resolve" : "trigger");
    event.put("dedup_key", a.alertId());
    if (!out.resolve()) {
      Map<String, Object> payload = new LinkedHashMap<>();
      payload.put("summary", SlackReceiver.cut(m.title(), SUMMARY_MAX));
      payload.put("source", "dualrun/" + a.workflow());
      payload.put("severity", a.severity());
      payload.put("timestamp", out.now().toString());
      payload.put("component", a.workflow());
      payload.put("group", a.owner() == null ? "unowned" : a.owner());
      payload.put("class", a.kind());
      payload.put("custom_details", details(a, m));
      event.put("payload", payload);
      event.put(
          "links",
          m.links().stream()
              .limit(LINKS_MAX)
              .map(l -> Map.of("href", l.url(), "text", l.label()))
              .toList());
    }
    event.put("client", "dualrun");
    String pair = out.firstPairUrl();
    if (pair != null) {
      event.put("client_url", pair);
    }
    return event;
  }

  private static Map<String, Object> details(AlertEvent a, RenderedAlert m) {
    Map<String, Object> details = new LinkedHashMap<>();
    m.facts().forEach(f -> details.put(f.label().toLowerCase().replace(' ', '_'), f.value()));
    details.put("partition_count", a.partitionCount());
    details.put("partitions", a.partitions().stream().limit(50).toList());
    for (RenderedAlert.Section s : m.sections()) {
      details.put(s.heading(), List.copyOf(s.lines()));
    }
    return details;
  }
}
