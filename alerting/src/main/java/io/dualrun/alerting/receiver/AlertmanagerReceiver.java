package io.dualrun.alerting.receiver;

import io.dualrun.alerting.model.AlertEvent;
import io.dualrun.alerting.render.MessageRenderer;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Prometheus Alertmanager ({@code POST /api/v2/alerts}). Alertmanager identifies an alert by its
 * labels (alertname, workflow, kind, severity, owner), so re-sending is idempotent; firing alerts
 * are re-sent every resend interval (else Alertmanager resolves them after its resolve_timeout),
 * and a resolve sends {@code endsAt}.
 */
public final class AlertmanagerReceiver extends HttpReceiver {

  public AlertmanagerReceiver(ReceiverConfig config) {
    super(config, ReceiverType.ALERTMANAGER, "api/v2/alerts");
  }

  @Override
  public boolean resendsWhileFiring() {
    return true;
  }

  @Override
  public int deliver(ReceiverRequest out) throws DeliveryException {
    return post(List.of(alert(out)), Map.of());
  }

  static Map<String, Object> alert(ReceiverRequest out) {
    AlertEvent a = out.alert();
    Map<String, String> labels = new LinkedHashMap<>();
    labels.put("alertname", "dualrun_" + a.kind().toLowerCase(Locale.ROOT));
    labels.put("workflow", a.workflow());
    labels.put("kind", a.kind());
    labels.put("severity", a.severity());
    labels.put("owner", a.owner() == null ? "" : a.owner());
    Map<String, String> annotations = new LinkedHashMap<>();
    annotations.put("summary", out.message().title());
    annotations.put("description", out.message().text());
    annotations.put("partitions", MessageRenderer.partitions(a.partitionCount(), a.partitions()));
    String pair = out.firstPairUrl();
    if (pair != null) {
      annotations.put("pair_url", pair);
    }
    Map<String, Object> alert = new LinkedHashMap<>();
    alert.put("labels", labels);
    alert.put("annotations", annotations);
    alert.put("startsAt", (a.openedAt() == null ? out.now() : a.openedAt()).toString());
    if (out.resolve()) {
      alert.put("endsAt", out.now().toString());
    }
    if (pair != null) {
      alert.put("generatorURL", pair);
    }
    return alert;
  }
}
