package io.dualrun.inventory;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Which of a workflow's required calendar days its clean partitions cover: a partition covers a
 * requirement when one of the days it spans is such a day (a week partition covers a month end that
 * falls in that week).
 */
public final class CalendarCoverage {
  private CalendarCoverage() {}

  /**
   * What is covered and what is not.
   *
   * @param covered each covered requirement and the newest clean partition covering it
   * @param missing the requirements no clean partition covers yet, in the order of {@link Coverage}
   */
  public record Result(Map<Coverage, String> covered, List<Coverage> missing) {
    public Result {
      covered = Map.copyOf(covered);
      missing = List.copyOf(missing);
    }
  }

  /**
   * The coverage of {@code cleanPartitions} (newest first) against {@code rules} for a workflow of
   * that granularity and zone. Partitions that are not of that granularity cover nothing.
   */
  public static Result of(
      ReadinessRules rules, Granularity granularity, ZoneId zone, List<String> cleanPartitions) {
    Map<Coverage, String> covered = new EnumMap<>(Coverage.class);
    for (String partition : cleanPartitions) {
      Optional<Granularity.Span> span = granularity.days(partition);
      if (span.isEmpty()) {
        continue;
      }
      for (Coverage c : rules.coverage()) {
        if (!covered.containsKey(c) && spans(span.get(), c, zone, rules.holidays())) {
          covered.put(c, partition);
        }
      }
    }
    List<Coverage> missing = new ArrayList<>();
    for (Coverage c : Coverage.values()) {
      if (rules.coverage().contains(c) && !covered.containsKey(c)) {
        missing.add(c);
      }
    }
    return new Result(covered, missing);
  }

  private static boolean spans(
      Granularity.Span span, Coverage c, ZoneId zone, List<LocalDate> holidays) {
    for (LocalDate d = span.first(); !d.isAfter(span.last()); d = d.plusDays(1)) {
      if (c.isOn(d, zone, holidays)) {
        return true;
      }
    }
    return false;
  }
}
