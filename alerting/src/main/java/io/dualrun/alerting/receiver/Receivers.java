package io.dualrun.alerting.receiver;

/** Creates the adapter for a configured receiver. */
public final class Receivers {
  private Receivers() {}

  public static Receiver create(ReceiverConfig config) {
    return switch (config.type()) {
      case WEBHOOK -> new WebhookReceiver(config);
      case SLACK -> new SlackReceiver(config);
      case PAGERDUTY -> new PagerDutyReceiver(config);
      case ALERTMANAGER -> new AlertmanagerReceiver(config);
      case EMAIL -> new EmailReceiver(config);
    };
  }
}
