package io.dualrun.inventory;

import com.cronutils.model.Cron;
import com.cronutils.model.CronType;
import com.cronutils.model.definition.CronDefinitionBuilder;
import com.cronutils.model.time.ExecutionTime;
import com.cronutils.parser.CronParser;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Optional;

/**
 * When a workflow is expected to run: a UNIX cron expression in a time zone. A fire at time F is
 * expected to produce the partition of {@code F + partitionOffset}.
 */
public final class Schedule {
  private static final CronParser PARSER =
      new CronParser(CronDefinitionBuilder.instanceDefinitionFor(CronType.UNIX));

  private final String expression;
  private final ZoneId zone;
  private final Duration partitionOffset;
  private final ExecutionTime executionTime;

  /** Throws IllegalArgumentException with the cron library's reason when the expression is bad. */
  public Schedule(String expression, ZoneId zone, Duration partitionOffset) {
    Cron cron = PARSER.parse(expression).validate();
    this.expression = expression;
    this.zone = zone;
    this.partitionOffset = partitionOffset;
    this.executionTime = ExecutionTime.forCron(cron);
  }

  public String expression() {
    return expression;
  }

  public ZoneId zone() {
    return zone;
  }

  public Duration partitionOffset() {
    return partitionOffset;
  }

  /** The first fire strictly after {@code after}. */
  public Optional<Instant> nextFire(Instant after) {
    return executionTime.nextExecution(after.atZone(zone)).map(ZonedDateTime::toInstant);
  }

  /** The partition a fire at {@code fire} is expected to produce. */
  public String partitionOf(Instant fire, Granularity granularity) {
    return granularity.partition(fire.atZone(zone).plus(partitionOffset));
  }

  @Override
  public String toString() {
    return expression + " (" + zone + ")";
  }
}
