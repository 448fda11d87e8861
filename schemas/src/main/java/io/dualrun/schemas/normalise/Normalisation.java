package io.dualrun.schemas.normalise;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The normalisation rules of an output, by column (its name in the fingerprint), alike on both
 * sides. Written as text {@code amount:scale=2;customer:baseline=cust_id,candidate=customer_id}
 * (columns in name order, each {@link ColumnRule#text()}): what a fingerprint carries, so that the
 * reconciler compares only fingerprints made under the same rules.
 */
public record Normalisation(SortedMap<String, ColumnRule> columns) {
  public static final Normalisation NONE = new Normalisation(new TreeMap<>());

  public Normalisation {
    SortedMap<String, ColumnRule> copy = new TreeMap<>();
    columns.forEach((k, v) -> copy.put(k.toLowerCase(Locale.ROOT), v));
    columns = java.util.Collections.unmodifiableSortedMap(copy);
    Map<String, String> byBaseline = new HashMap<>();
    Map<String, String> byCandidate = new HashMap<>();
    for (var e : columns.entrySet()) {
      unique(byBaseline, e.getValue().sourceName(e.getKey(), false), e.getKey(), "baseline");
      unique(byCandidate, e.getValue().sourceName(e.getKey(), true), e.getKey(), "candidate");
    }
  }

  private static void unique(Map<String, String> seen, String source, String column, String side) {
    String other = seen.put(source, column);
    if (other != null) {
      throw new IllegalArgumentException(
          "columns " + other + " and " + column + " both name the " + side + "'s column " + source);
    }
  }

  public boolean isEmpty() {
    return columns.isEmpty();
  }

  public ColumnRule rule(String column) {
    return columns.get(column);
  }

  /**
   * The column a source column is called in the fingerprint: the column whose rule names it on that
   * side, or its own name when no rule renames it (nor another column takes that name).
   */
  public String canonicalName(String sourceName, boolean candidateSide) {
    String s = sourceName.toLowerCase(Locale.ROOT);
    for (var e : columns.entrySet()) {
      if (e.getValue().sourceName(e.getKey(), candidateSide).equals(s)) {
        return e.getKey();
      }
    }
    return s;
  }

  /** Whether any column is known by another name on some side. */
  public boolean renames() {
    return columns.values().stream().anyMatch(r -> r.baseline() != null || r.candidate() != null);
  }

  /** The rules as text (see the class comment); empty when there are none. */
  public String text() {
    List<String> parts = new ArrayList<>();
    columns.forEach((column, rule) -> parts.add(column + ":" + rule.text()));
    return String.join(";", parts);
  }

  @Override
  public String toString() {
    return text();
  }

  /**
   * Reads rules written as {@code column:rules}, one per item, or several joined with {@code ;}
   * (the form of {@link #text()}); a column given twice is refused.
   *
   * @throws IllegalArgumentException naming the column and the reason
   */
  public static Normalisation parse(Collection<String> items) {
    SortedMap<String, ColumnRule> columns = new TreeMap<>();
    for (String item : items) {
      for (String one : item.split(";")) {
        if (one.isBlank()) {
          continue;
        }
        int colon = one.indexOf(':');
        if (colon <= 0) {
          throw new IllegalArgumentException(
              "'" + one.strip() + "' is not column:rule[,rule] (e.g. amount:scale=2)");
        }
        String column = one.substring(0, colon).strip().toLowerCase(Locale.ROOT);
        ColumnRule rule;
        try {
          rule = ColumnRule.parse(one.substring(colon + 1));
        } catch (IllegalArgumentException e) {
          throw new IllegalArgumentException("column " + column + ": " + e.getMessage(), e);
        }
        if (columns.put(column, rule) != null) {
          throw new IllegalArgumentException("column " + column + " is given twice");
        }
      }
    }
    return new Normalisation(columns);
  }
}
