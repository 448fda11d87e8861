package io.dualrun.alerting.receiver;

import io.dualrun.alerting.model.AlertAction;
import io.dualrun.alerting.model.AlertEvent;
import io.dualrun.alerting.render.PairLinks;
import io.dualrun.alerting.render.RenderedAlert;
import java.time.Instant;

/**
 * What a receiver is asked to send: the alert emission (already without silenced partitions), its
 * rendered text, the action, and the idempotency key ({@code alertId/v<version>}).
 */
public record ReceiverRequest(
    AlertEvent alert,
    RenderedAlert message,
    AlertAction action,
    String idempotencyKey,
    PairLinks pairLinks,
    Instant now) {

  public boolean resolve() {
    return action == AlertAction.RESOLVE;
  }

  /** Link to the first partition's pair, or null. */
  public String firstPairUrl() {
    return alert.partitions().isEmpty()
        ? null
        : pairLinks.url(alert.workflow(), alert.partitions().get(0));
  }
}
