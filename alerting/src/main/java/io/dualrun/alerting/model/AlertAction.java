package io.dualrun.alerting.model;

/**
 * Why an alert change was emitted. NONE: the alert resolved before anyone was told (within the
 * group wait), so nothing is sent.
 */
public enum AlertAction {
  OPEN,
  UPDATE,
  REPEAT,
  RESOLVE,
  NONE
}
