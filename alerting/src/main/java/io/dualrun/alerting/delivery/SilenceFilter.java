package io.dualrun.alerting.delivery;

import io.dualrun.alerting.model.AlertEvent;
import io.dualrun.alerting.model.Member;
import io.dualrun.alerting.silence.Silence;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Removes the silenced partitions from an alert emission. A partition is silenced when every member
 * of it is covered by an active silence; an emission with no partition left is silenced.
 */
final class SilenceFilter {
  private SilenceFilter() {}

  /** The emission without silenced partitions, or empty when all of it is silenced. */
  static Optional<AlertEvent> apply(AlertEvent e, List<Silence> active) {
    if (active.isEmpty()) {
      return Optional.of(e);
    }
    Set<String> silenced =
        e.partitions().stream().filter(p -> silenced(e, p, active)).collect(Collectors.toSet());
    if (silenced.isEmpty()) {
      return Optional.of(e);
    }
    List<String> partitions = e.partitions().stream().filter(p -> !silenced.contains(p)).toList();
    if (partitions.isEmpty()) {
      return Optional.empty();
    }
    List<Member> members =
        e.members().stream().filter(m -> !silenced.contains(m.partition())).toList();
    return Optional.of(
        new AlertEvent(
            e.alertId(),
            e.workflow(),
            e.kind(),
            e.severity(),
            e.owner(),
            e.tier(),
            e.status(),
            e.action(),
            e.version(),
            e.openedAt(),
            e.resolvedAt(),
            e.time(),
            partitions.size(),
            partitions,
            members,
            e.added().stream().filter(p -> !silenced.contains(p)).toList(),
            e.removed().stream().filter(p -> !silenced.contains(p)).toList()));
  }

  private static boolean silenced(AlertEvent e, String partition, List<Silence> active) {
    List<Member> members =
        e.members().stream().filter(m -> m.partition().equals(partition)).toList();
    if (members.isEmpty()) {
      return active.stream().anyMatch(s -> s.covers(e.workflow(), e.kind(), partition));
    }
    return members.stream()
        .allMatch(m -> active.stream().anyMatch(s -> s.covers(e.workflow(), e.kind(), m)));
  }
}
