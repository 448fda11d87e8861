package io.dualrun.inventory;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The keys of a workflow in {@code workflows.yaml}, declared once: the loader accepts exactly these
 * (and refuses any other with its line), and docs/inventory.md's table is generated from them.
 */
public final class InventoryKeys {
  /**
   * One key.
   *
   * @param name the key, dotted below a mapping ({@code schedule.cron})
   * @param defaultText the default as the docs show it
   * @param meaning what it does
   * @param inDefaults whether the {@code defaults} section may set it for every workflow
   */
  public record Key(String name, String defaultText, String meaning, boolean inDefaults) {}

  private static final String DURATION =
      "a duration: `30s`, `5m`, `2h`, `1d`, or ISO-8601 `PT1H30M`";

  private static final String COVERAGE = coverageText();

  public static final List<Key> WORKFLOW =
      List.of(
          new Key(
              "owner",
              "— (required)",
              "team that receives the workflow's alerts (alerting routes by owner)",
              false),
          new Key("tier", "3", "1 … 4; with the finding kind it sets an alert's severity", true),
          new Key("timezone", "UTC", "zone of native times and of the schedule", true),
          new Key(
              "granularity",
              "day",
              "`hour` (`2026-11-20T07`), `day` (`2026-11-20`), `week` (`2026-W47`), `month`"
                  + " (`2026-11`)",
              true),
          new Key(
              "schedule.cron",
              "none",
              "UNIX cron; with it, each fire expects a partition on each side (SLA_MISSED)",
              false),
          new Key(
              "schedule.partitionOffset",
              "0",
              "added to a fire time before it is cut to the partition it produces",
              false),
          new Key(
              "schedule.timezone",
              "the workflow's `timezone`",
              "zone the cron expression is read in",
              false),
          new Key(
              "sla",
              "from `defaults`",
              "how long after a scheduled fire both sides must be done; " + DURATION,
              true),
          new Key(
              "grace",
              "from `defaults`",
              "how long after one side succeeded the other may still finish; " + DURATION,
              true),
          new Key(
              "settle",
              "from `defaults`",
              "how long a pair waits for late records after both sides are terminal; " + DURATION,
              true),
          new Key(
              "fingerprintTimeout",
              "`30m`",
              "how long after both sides are terminal a pair waits at most for an expected"
                  + " fingerprint (declared, announced by a run, or sent by the other side); the"
                  + " wait adapts to the workflow's usual fingerprint lag, never below `settle`",
              true),
          new Key("durationRatio", "1.5", "at least 1.0", true),
          new Key(
              "durationMinDifference",
              "`1m`",
              "a DURATION finding also needs the candidate to be slower by at least this much",
              true),
          new Key(
              "readinessPartitions",
              "14",
              "1 … 1000: how many last decided partitions must all MATCH for READY",
              true),
          new Key(
              "readinessCoverage",
              "none",
              "kinds of day a clean (MATCH) partition must have covered before READY: " + COVERAGE,
              true),
          new Key(
              "holidays",
              "none",
              "dates (`2026-12-25`) that `readinessCoverage: [holiday]` means",
              true),
          new Key(
              "readinessMaxMismatchRate",
              "none",
              "above 0, below 1: READY also needs the 95 % upper bound of the mismatch rate over"
                  + " every decided partition below it (with no mismatch, `0.05` needs 61 decided partitions: 3 / 61 < 0.05)",
              true),
          new Key(
              "baseline",
              "none",
              "`orchestrator`, `job` (required), `namespace` (OpenLineage job namespace; any when"
                  + " absent), `partitionOffset` (added to the native logical time), `schedule`"
                  + " (this side's own `cron`, `timezone`, `partitionOffset` when it does not run on"
                  + " the workflow's schedule: compared by `dualrun inventory schedules`)",
              false),
          new Key("candidate", "none", "as `baseline`, for the candidate side", false),
          new Key(
              "outputs",
              "none",
              "names, or objects with `name`, `rowCount`, `ignoreColumns`, `columnStats`,"
                  + " `normalise` (per column: `scale`, `precision`, `timezone`, `trim`,"
                  + " `caseInsensitive`, `emptyIsNull`, `baseline`, `candidate`; see"
                  + " [fingerprint.md](fingerprint.md#normalisation)), `sensitive` (columns whose"
                  + " values `dualrun diff` never shows nor sends: a keyed hash instead,"
                  + " [diff.md](diff.md#sensitive-columns))",
              false),
          new Key(
              "inputs",
              "none",
              "names of the datasets the workflow reads, besides those its runs report (OpenLineage"
                  + " inputs); a workflow reading another's output is its downstream (`dualrun"
                  + " report waves`)",
              false));

  private InventoryKeys() {}

  private static String coverageText() {
    StringBuilder out = new StringBuilder();
    for (Coverage c : Coverage.values()) {
      out.append(out.length() == 0 ? "" : ", ")
          .append('`')
          .append(c.id())
          .append("` (")
          .append(c.meaning())
          .append(')');
    }
    return out.toString();
  }

  /** The keys a workflow entry takes (the first part of each declared name). */
  static Set<String> workflowKeys() {
    Set<String> keys = new LinkedHashSet<>();
    WORKFLOW.forEach(k -> keys.add(k.name().split("\\.")[0]));
    return Set.copyOf(keys);
  }

  /** The keys below {@code parent} ({@code schedule}: cron, partitionOffset, timezone). */
  static Set<String> keysBelow(String parent) {
    Set<String> keys = new LinkedHashSet<>();
    WORKFLOW.stream()
        .filter(k -> k.name().startsWith(parent + "."))
        .forEach(k -> keys.add(k.name().substring(parent.length() + 1)));
    return Set.copyOf(keys);
  }

  /**
   * The keys the {@code defaults} section takes: those marked, and the outputs' {@code rowCount}.
   */
  static Set<String> defaultsKeys() {
    Set<String> keys = new LinkedHashSet<>();
    WORKFLOW.stream().filter(Key::inDefaults).forEach(k -> keys.add(k.name()));
    keys.add("rowCount");
    return Set.copyOf(keys);
  }

  /** docs/inventory.md's table of keys. */
  public static String markdownTable() {
    StringBuilder out = new StringBuilder("| key | default | meaning |\n|---|---|---|\n");
    for (Key k : WORKFLOW) {
      out.append("| `")
          .append(k.name())
          .append("` | ")
          .append(k.defaultText())
          .append(" | ")
          .append(k.meaning().replace("|", "\\|"))
          .append(" |\n");
    }
    return out.toString();
  }
}
