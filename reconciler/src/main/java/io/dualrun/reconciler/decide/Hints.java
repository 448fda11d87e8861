package io.dualrun.reconciler.decide;

import io.dualrun.reconciler.state.StoredColumn;
import io.dualrun.reconciler.state.StoredOutput;
import io.dualrun.reconciler.state.StoredStats;
import io.dualrun.schemas.ColumnKind;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Root-cause hints of one output's columns, derived from both sides' column stats and types
 * (docs/reconciler.md, Root-cause hints): at most one per column, found by the first of these that
 * explains every statistic of the column that differs —
 *
 * <ul>
 *   <li>timestamps: truncated to milliseconds or seconds on one side ({@code precision}), or
 *       shifted by a whole time-zone offset ({@code timezone}: the workflow's zone when its offset
 *       at those instants is the shift, else the offset);
 *   <li>numbers: equal once rounded half-even to some decimals, float noise or a wider decimal
 *       scale ({@code scale});
 *   <li>text: '' on one side where the other has NULL ({@code empty-is-null}), equal once leading
 *       and trailing spaces are removed ({@code trim}) or lower-cased ({@code case-insensitive}).
 * </ul>
 *
 * <p>Pure: computed lazily, per column asked, from the two fingerprints as stored.
 */
final class Hints {
  private final ZoneId zone;
  private final StoredOutput baseline;
  private final StoredOutput candidate;
  private final Set<String> ignored;
  private Map<String, StoredStats> baselineStats;
  private Map<String, StoredStats> candidateStats;
  private Map<String, String> baselineTypes;
  private Map<String, String> candidateTypes;
  private final Map<String, Optional<Hint>> found = new HashMap<>();

  private Hints(ZoneId zone, StoredOutput baseline, StoredOutput candidate, Set<String> ignored) {
    this.zone = zone;
    this.baseline = baseline;
    this.candidate = candidate;
    this.ignored = ignored;
  }

  /**
   * The hints of an output's columns: {@code zone} is the workflow's time zone (null: UTC), {@code
   * ignored} the output's ignored columns (no hint). Nothing is computed before a hint is asked
   * for.
   */
  static Hints of(ZoneId zone, StoredOutput baseline, StoredOutput candidate, Set<String> ignored) {
    return new Hints(zone == null ? ZoneOffset.UTC : zone, baseline, candidate, ignored);
  }

  private void index() {
    if (baselineStats == null) {
      baselineStats = stats(baseline.getStats());
      candidateStats = stats(candidate.getStats());
      baselineTypes = types(baseline.getColumnTypes());
      candidateTypes = types(candidate.getColumnTypes());
    }
  }

  private static Map<String, StoredStats> stats(List<StoredStats> list) {
    Map<String, StoredStats> out = new HashMap<>();
    list.forEach(s -> out.put(s.getName(), s));
    return out;
  }

  private static Map<String, String> types(List<StoredColumn> list) {
    Map<String, String> out = new HashMap<>();
    list.forEach(c -> out.put(c.getName(), c.getType()));
    return out;
  }

  /** The hint of {@code column}, if its stats show one. */
  Optional<Hint> of(String column) {
    return found.computeIfAbsent(column, this::find);
  }

  /**
   * The hint texts of {@code columns} that have one, in that order, as one text; null when none
   * has.
   */
  String text(Collection<String> columns) {
    StringBuilder b = new StringBuilder();
    for (String column : columns) {
      of(column)
          .ifPresent(
              h -> {
                if (b.length() > 0) {
                  b.append(' ');
                }
                b.append(h.text());
              });
    }
    return b.length() == 0 ? null : b.toString();
  }

  /** Every column both sides describe, in name order: the columns a hint may be about. */
  List<String> columns() {
    index();
    return baselineStats.keySet().stream().filter(candidateStats::containsKey).sorted().toList();
  }

  private Optional<Hint> find(String column) {
    index();
    StoredStats b = baselineStats.get(column);
    StoredStats c = candidateStats.get(column);
    if (b == null || c == null || ignored.contains(column) || same(b, c)) {
      return Optional.empty();
    }
    StatPair pair =
        new StatPair(
            column,
            b,
            c,
            kind(baselineTypes.get(column)),
            kind(candidateTypes.get(column)),
            baseline.getRowCount(),
            candidate.getRowCount());
    return TimeHints.of(pair, zone).or(() -> NumberHints.of(pair)).or(() -> TextHints.of(pair));
  }

  private static boolean same(StoredStats b, StoredStats c) {
    return b.getNulls() == c.getNulls()
        && Objects.equals(b.getMin(), c.getMin())
        && Objects.equals(b.getMax(), c.getMax())
        && Objects.equals(b.getSum(), c.getSum());
  }

  private static ColumnKind kind(String type) {
    return type == null ? null : ColumnKind.ofTypeName(type);
  }
}
