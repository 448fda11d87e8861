package io.dualrun.alerting.model;

import java.time.Instant;
import java.util.List;

/**
 * One emitted state of an alert (value of the compacted alerts topic, keyed by alertId). Each
 * emission has a new {@code version}; receivers get each version at most once per action.
 *
 * @param alertId {@code workflow/kind}, stable for the alert's whole life
 * @param partitionCount distinct partitions currently grouped (resolved ones on RESOLVE)
 * @param partitions those partitions, sorted
 * @param members details per grouped partition (at most {@link #MAX_MEMBERS}); empty on RESOLVE
 * @param added partitions added since the previous emission
 * @param removed partitions resolved since the previous emission
 */
public record AlertEvent(
    String alertId,
    String workflow,
    String kind,
    String severity,
    String owner,
    Integer tier,
    AlertStatus status,
    AlertAction action,
    long version,
    Instant openedAt,
    Instant resolvedAt,
    Instant time,
    int partitionCount,
    List<String> partitions,
    List<Member> members,
    List<String> added,
    List<String> removed) {
  public static final int MAX_MEMBERS = 200;

  public AlertEvent {
    partitions = partitions == null ? List.of() : List.copyOf(partitions);
    members = members == null ? List.of() : List.copyOf(members);
    added = added == null ? List.of() : List.copyOf(added);
    removed = removed == null ? List.of() : List.copyOf(removed);
  }

  public boolean firing() {
    return status == AlertStatus.FIRING;
  }
}
