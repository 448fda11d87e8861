package io.dualrun.alerting.model;

import java.util.Locale;
import java.util.Set;

/**
 * Severity of an alert, from the workflow's tier (1 = most critical … 4; unknown counts as 3) and
 * the kind. Kinds fall in three classes: data (STATUS, OUTPUT_MISSING, ROW_COUNT, CONTENT, SCHEMA,
 * SLA_MISSED), lateness (CANDIDATE_LATE, BASELINE_LATE) and minor (COLUMN_STAT, DURATION).
 *
 * <pre>
 * tier | data     | lateness | minor
 *  1   | critical | error    | warning
 *  2   | error    | warning  | warning
 *  3   | warning  | warning  | info
 *  4   | warning  | info     | info
 * </pre>
 *
 * The names are PagerDuty's severities; Alertmanager and Slack show the same words.
 */
public enum Severity {
  CRITICAL,
  ERROR,
  WARNING,
  INFO;

  private static final Set<String> LATENESS = Set.of("CANDIDATE_LATE", "BASELINE_LATE");
  private static final Set<String> MINOR = Set.of("COLUMN_STAT", "DURATION");
  private static final Severity[][] TABLE = {
    {CRITICAL, ERROR, WARNING},
    {ERROR, WARNING, WARNING},
    {WARNING, WARNING, INFO},
    {WARNING, INFO, INFO}
  };

  public static Severity of(Integer tier, String kind) {
    int row = tier == null ? 2 : Math.max(1, Math.min(4, tier)) - 1;
    int column = LATENESS.contains(kind) ? 1 : MINOR.contains(kind) ? 2 : 0;
    return TABLE[row][column];
  }

  /** Lower-case name, as receivers expect it. */
  public String wire() {
    return name().toLowerCase(Locale.ROOT);
  }
}
