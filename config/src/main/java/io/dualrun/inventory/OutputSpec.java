package io.dualrun.inventory;

import io.dualrun.schemas.normalise.Normalisation;
import java.util.Map;
import java.util.Set;

/**
 * A declared output of a workflow with its comparison rules.
 *
 * @param name output name as sent in fingerprints, e.g. {@code analytics.revenue_daily}
 * @param rowCount row-count tolerance
 * @param ignoreColumns columns left out of SCHEMA and COLUMN_STAT comparison
 * @param columnStats per-column tolerance of numeric statistics (min, max, sum); others exact
 * @param normalise how columns are normalised before fingerprinting, on both sides
 */
public record OutputSpec(
    String name,
    Tolerance rowCount,
    Set<String> ignoreColumns,
    Map<String, Tolerance> columnStats,
    Normalisation normalise,
    Set<String> sensitive) {
  public OutputSpec {
    ignoreColumns = Set.copyOf(ignoreColumns);
    columnStats = Map.copyOf(columnStats);
    normalise = normalise == null ? Normalisation.NONE : normalise;
    sensitive = sensitive == null ? Set.of() : Set.copyOf(sensitive);
  }

  /** No column is sensitive. */
  public OutputSpec(
      String name,
      Tolerance rowCount,
      Set<String> ignoreColumns,
      Map<String, Tolerance> columnStats,
      Normalisation normalise) {
    this(name, rowCount, ignoreColumns, columnStats, normalise, Set.of());
  }

  /** Without normalisation rules. */
  public OutputSpec(
      String name,
      Tolerance rowCount,
      Set<String> ignoreColumns,
      Map<String, Tolerance> columnStats) {
    this(name, rowCount, ignoreColumns, columnStats, Normalisation.NONE);
  }

  public static OutputSpec exact(String name) {
    return new OutputSpec(name, Tolerance.EXACT, Set.of(), Map.of());
  }

  public Tolerance statTolerance(String column) {
    return columnStats.getOrDefault(column, Tolerance.EXACT);
  }
}
