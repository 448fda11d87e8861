package io.dualrun.alerting.delivery;

import io.dualrun.alerting.render.MessageRenderer;
import io.dualrun.alerting.silence.SilenceStore;
import java.time.Clock;

/** What every receiver lane shares. */
public record LaneContext(
    DeliveryLedger ledger,
    SilenceStore silences,
    NotificationLog log,
    MessageRenderer renderer,
    RetryPolicy retry,
    Clock clock) {}
