package io.dualrun.inventory;

import java.time.Duration;
import java.time.ZoneId;

/** Rules applied where a workflow says nothing, and to workflows the inventory does not know. */
public record Defaults(
    Duration settle,
    Duration fingerprintTimeout,
    Duration grace,
    Duration sla,
    double durationRatio,
    Duration durationMinDifference,
    ReadinessRules readiness,
    int tier,
    ZoneId zone,
    Granularity granularity,
    Tolerance rowCount) {

  public static final Defaults STANDARD =
      new Defaults(
          Duration.ofMinutes(2),
          Duration.ofMinutes(30),
          Duration.ofMinutes(30),
          Duration.ofHours(2),
          1.5,
          Duration.ofMinutes(1),
          ReadinessRules.STANDARD,
          3,
          ZoneId.of("UTC"),
          Granularity.DAY,
          Tolerance.EXACT);
}
