package io.dualrun.inventory;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;

/**
 * How one side names a workflow natively, and how its native logical time maps to the partition.
 *
 * @param orchestrator e.g. cron, control-m, airflow, kestra
 * @param job the native id: cron job / Control-M job / Airflow dag id / Kestra namespace.flow id /
 *     OpenLineage job name
 * @param namespace OpenLineage job namespace, or null to match any
 * @param partitionOffset added to the native logical time before it is cut to a partition (a cron
 *     job that runs at 07:05 on the 21st for the 20th's data has -P1D)
 * @param schedule this side's own schedule when it differs from the workflow's (its cron in its
 *     time zone, and the offset from a fire to the partition it produces), or null
 */
public record SideMapping(
    String orchestrator,
    String job,
    String namespace,
    Duration partitionOffset,
    Schedule schedule) {

  public SideMapping(String orchestrator, String job, String namespace, Duration partitionOffset) {
    this(orchestrator, job, namespace, partitionOffset, null);
  }

  /** The canonical partition of a native logical time. */
  public String partition(Instant nativeTime, ZoneId zone, Granularity granularity) {
    return granularity.partition(nativeTime.atZone(zone).plus(partitionOffset));
  }
}
