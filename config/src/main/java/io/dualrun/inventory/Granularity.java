package io.dualrun.inventory;

import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoField;
import java.time.temporal.ChronoUnit;
import java.time.temporal.IsoFields;
import java.util.Locale;
import java.util.Optional;

/** How finely a workflow's data is partitioned, and the canonical partition string for a time. */
public enum Granularity {
  HOUR("yyyy-MM-dd'T'HH"),
  DAY("yyyy-MM-dd"),
  WEEK(null),
  MONTH("yyyy-MM");

  private final DateTimeFormatter format;

  Granularity(String pattern) {
    this.format = pattern == null ? null : DateTimeFormatter.ofPattern(pattern, Locale.ROOT);
  }

  /**
   * The canonical partition containing {@code time}: 2026-11-20T07, 2026-11-20, 2026-W47, 2026-11.
   */
  public String partition(ZonedDateTime time) {
    if (this == WEEK) {
      return String.format(
          Locale.ROOT,
          "%d-W%02d",
          time.get(IsoFields.WEEK_BASED_YEAR),
          time.get(IsoFields.WEEK_OF_WEEK_BASED_YEAR));
    }
    return (this == HOUR ? time.truncatedTo(ChronoUnit.HOURS) : time).format(format);
  }

  /** The calendar days from {@code first} to {@code last}, both included. */
  public record Span(LocalDate first, LocalDate last) {
    /** Whether {@code day} is one of them. */
    public boolean contains(LocalDate day) {
      return !day.isBefore(first) && !day.isAfter(last);
    }
  }

  /**
   * The first and last calendar day {@code partition} spans (the same day for an hour or a day), or
   * empty when it is not a partition of this granularity.
   */
  public Optional<Span> days(String partition) {
    try {
      return Optional.of(
          switch (this) {
            case HOUR -> sameDay(LocalDate.parse(partition.substring(0, partition.indexOf('T'))));
            case DAY -> sameDay(LocalDate.parse(partition));
            case WEEK -> week(partition);
            case MONTH -> month(YearMonth.parse(partition));
          });
    } catch (DateTimeException | IndexOutOfBoundsException | NumberFormatException e) {
      return Optional.empty();
    }
  }

  private static Span sameDay(LocalDate day) {
    return new Span(day, day);
  }

  private static Span month(YearMonth month) {
    return new Span(month.atDay(1), month.atEndOfMonth());
  }

  private static Span week(String partition) {
    int dash = partition.indexOf("-W");
    if (dash < 0 || partition.length() != dash + 4) {
      throw new DateTimeException("not a week partition: " + partition);
    }
    int year = Integer.parseInt(partition.substring(0, dash));
    int week = Integer.parseInt(partition.substring(dash + 2));
    LocalDate monday =
        LocalDate.of(year, 1, 4)
            .with(IsoFields.WEEK_OF_WEEK_BASED_YEAR, week)
            .with(ChronoField.DAY_OF_WEEK, 1);
    return new Span(monday, monday.plusDays(6));
  }

  public static Granularity parse(String text) {
    return valueOf(text.trim().toUpperCase(Locale.ROOT));
  }
}
