package io.dualrun.hooks.discover;

/**
 * What a cron expression's rhythm suggests about the partitions it produces: the granularity and
 * how far back the data a run processes usually lies (a daily batch at 07:05 processes yesterday).
 */
enum Cadence {
  HOUR("hour", "-1h"),
  DAY("day", "-1d"),
  WEEK("week", "-7d"),
  MONTH("month", "-1d");

  final String granularity;
  final String offset;

  Cadence(String granularity, String offset) {
    this.granularity = granularity;
    this.offset = offset;
  }

  /** The cadence of a five-field cron expression ({@code m h dom mon dow}). */
  static Cadence of(String cron) {
    String[] f = cron.trim().split("\\s+");
    if (f.length != 5) {
      return DAY;
    }
    if (!fixed(f[1])) {
      return HOUR;
    }
    if (fixed(f[2]) && f[3].equals("*") && f[4].equals("*")) {
      return MONTH;
    }
    if (f[2].equals("*") && fixed(f[4])) {
      return WEEK;
    }
    return DAY;
  }

  private static boolean fixed(String field) {
    return field.matches("\\d+");
  }
}
