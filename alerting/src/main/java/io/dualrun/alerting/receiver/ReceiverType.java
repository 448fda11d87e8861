package io.dualrun.alerting.receiver;

import java.util.Locale;

/** The kinds of receiver, as written in {@code receivers[].type}. */
public enum ReceiverType {
  WEBHOOK,
  SLACK,
  PAGERDUTY,
  ALERTMANAGER,
  EMAIL;

  public String wire() {
    return name().toLowerCase(Locale.ROOT);
  }
}
