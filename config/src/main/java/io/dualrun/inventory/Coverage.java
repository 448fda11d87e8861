package io.dualrun.inventory;

import java.time.LocalDate;
import java.time.ZoneId;
import java.time.zone.ZoneOffsetTransition;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * A kind of calendar day a workflow must have run clean on before it is ready to cut over ({@code
 * readinessCoverage} in the inventory): jobs break on month and quarter ends, on the nights a clock
 * moves and on holidays more than on ordinary days.
 */
public enum Coverage {
  MONTH_END("month-end", "the last day of a month"),
  QUARTER_END("quarter-end", "the last day of a quarter"),
  YEAR_END("year-end", "31 December"),
  DST_CHANGE("dst-change", "a day the workflow's time zone changes its clock"),
  HOLIDAY("holiday", "a day of the `holidays` list");

  private final String id;
  private final String meaning;

  Coverage(String id, String meaning) {
    this.id = id;
    this.meaning = meaning;
  }

  /** The inventory's name of it ({@code month-end}). */
  public String id() {
    return id;
  }

  public String meaning() {
    return meaning;
  }

  /** The requirement named {@code id}, or empty. */
  public static Optional<Coverage> byId(String id) {
    String wanted = id.trim().toLowerCase(Locale.ROOT);
    return Arrays.stream(values()).filter(c -> c.id.equals(wanted)).findFirst();
  }

  /** The accepted names, for error messages and docs: {@code month-end, quarter-end, …}. */
  public static String ids() {
    return Arrays.stream(values()).map(Coverage::id).collect(Collectors.joining(", "));
  }

  /** Whether {@code day} is such a day for a workflow in {@code zone} with these holidays. */
  public boolean isOn(LocalDate day, ZoneId zone, List<LocalDate> holidays) {
    return switch (this) {
      case MONTH_END -> day.equals(day.withDayOfMonth(day.lengthOfMonth()));
      case QUARTER_END -> MONTH_END.isOn(day, zone, holidays) && day.getMonthValue() % 3 == 0;
      case YEAR_END -> day.getMonthValue() == 12 && day.getDayOfMonth() == 31;
      case DST_CHANGE -> clockMoves(day, zone);
      case HOLIDAY -> holidays.contains(day);
    };
  }

  /** Whether {@code zone} has a transition during {@code day}. */
  static boolean clockMoves(LocalDate day, ZoneId zone) {
    ZoneOffsetTransition next =
        zone.getRules().nextTransition(day.atStartOfDay(zone).toInstant().minusNanos(1));
    return next != null
        && next.getInstant().isBefore(day.plusDays(1).atStartOfDay(zone).toInstant());
  }

  /** Whether {@code zone} ever changes its clock (UTC and fixed offsets never do). */
  static boolean hasClockChanges(ZoneId zone) {
    return !zone.getRules().isFixedOffset() && !zone.getRules().getTransitionRules().isEmpty();
  }
}
