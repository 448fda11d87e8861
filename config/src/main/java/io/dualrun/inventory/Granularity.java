package io.dualrun.inventory;

import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.time.temporal.IsoFields;
import java.util.Locale;

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

  public static Granularity parse(String text) {
    return valueOf(text.trim().toUpperCase(Locale.ROOT));
  }
}
