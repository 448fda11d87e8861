package io.dualrun.alerting.model;

/** Lifecycle of an alert. */
public enum AlertStatus {
  FIRING,
  RESOLVED
}
