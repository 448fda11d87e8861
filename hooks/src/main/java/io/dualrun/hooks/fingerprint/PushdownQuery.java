package io.dualrun.hooks.fingerprint;

import io.dualrun.schemas.ColumnKind;
import io.dualrun.schemas.normalise.ColumnRule;
import io.dualrun.schemas.normalise.Normalisation;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.stream.IntStream;

/**
 * The one query that computes a fingerprint in the database (docs/fingerprint.md, "Computed in the
 * database"): per row the canonical texts, the row hash and the key hash; per bucket (one group
 * without a key) the row count, the sum of the row hashes and each column's non-null count,
 * minimum, maximum and sum, and the count of values that have no exact SQL form. Only those
 * aggregates leave the database; {@link PushdownResultReader} adds the buckets up.
 */
final class PushdownQuery {
  /** A column of the fingerprint: its name and type there, and what the query computes of it. */
  record Planned(String name, ColumnKind kind, boolean numeric) {}

  /** A counted guard: the column it belongs to and the reason given when a value is found. */
  record CountedGuard(JdbcColumnType type, String reason) {}

  private final String sql;
  private final String rowHashes;
  private final List<String> valueAliases;
  private final List<String> keyAliases;
  private final List<Planned> columns = new ArrayList<>();
  private final List<String> keyNames;
  private final List<CountedGuard> guards = new ArrayList<>();
  private final int buckets;

  /**
   * @param dialect the database's SQL
   * @param query the rows' query (the source)
   * @param types the query's columns, in its order
   * @param ignore columns left out (names in the fingerprint, any case)
   * @param keyColumns bucket key, in key order (any case); empty for none
   * @param buckets number of buckets (with a key)
   * @param rules normalisation rules
   * @param candidateSide whether the source is the candidate's
   * @throws IllegalArgumentException for a bad column, key or rule, as the client path says it
   * @throws PushdownRefusal for a type or rule the SQL cannot compute exactly
   */
  PushdownQuery(
      SqlDialect dialect,
      String query,
      List<JdbcColumnType> types,
      List<String> ignore,
      List<String> keyColumns,
      int buckets,
      Normalisation rules,
      boolean candidateSide) {
    // the client path's checks and messages: names, --ignore-column, --bucket-key, rules' types
    new Fingerprinter(
        types.stream().map(JdbcColumnType::column).toList(),
        ignore,
        keyColumns,
        buckets,
        rules,
        candidateSide);
    List<String> names =
        types.stream().map(t -> rules.canonicalName(t.label(), candidateSide)).toList();
    List<String> ignored = ignore.stream().map(n -> n.toLowerCase(Locale.ROOT)).toList();
    int[] hashed =
        IntStream.range(0, types.size())
            .filter(i -> !ignored.contains(names.get(i)))
            .boxed()
            .sorted(Comparator.comparing(names::get))
            .mapToInt(Integer::intValue)
            .toArray();
    this.keyNames = keyColumns.stream().map(n -> n.toLowerCase(Locale.ROOT)).toList();
    int[] keys = keyNames.stream().mapToInt(names::indexOf).toArray();
    this.buckets = keyNames.isEmpty() ? 1 : buckets;

    ColumnSql[] sql = new ColumnSql[types.size()];
    List<String> perRow = new ArrayList<>();
    for (int i = 0; i < types.size(); i++) {
      int index = i;
      boolean used =
          IntStream.of(hashed).anyMatch(h -> h == index)
              || IntStream.of(keys).anyMatch(k -> k == index);
      if (!used) {
        continue;
      }
      ColumnRule rule = rules.rule(names.get(i));
      JdbcColumnType type = types.get(i);
      sql[i] = dialect.column(type, "q." + dialect.quote(type.label()), rule);
      perRow.add(sql[i].text() + " AS t" + i);
      if (sql[i].number() != null) {
        perRow.add(sql[i].number() + " AS v" + i);
      }
      for (ColumnSql.Guard g : sql[i].guards()) {
        perRow.add("CASE WHEN " + g.condition() + " THEN 1 ELSE 0 END AS g" + guards.size());
        guards.add(new CountedGuard(type, g.reason()));
      }
    }
    if (perRow.isEmpty()) {
      perRow.add("1 AS one");
    }
    String texts =
        "SELECT " + String.join(", ", perRow) + " FROM (" + query + ") q" + dialect.fence();
    List<String> rowCells = IntStream.of(hashed).mapToObj(i -> dialect.cell("t" + i)).toList();
    StringBuilder hashes =
        new StringBuilder("SELECT l1.*, ")
            .append(dialect.hash64(dialect.concat(rowCells)))
            .append(" AS rh");
    if (keys.length > 0) {
      List<String> keyCells = IntStream.of(keys).mapToObj(i -> dialect.cell("t" + i)).toList();
      hashes.append(", ").append(dialect.hash64(dialect.concat(keyCells))).append(" AS kh");
    }
    hashes.append(" FROM (").append(texts).append(") l1").append(dialect.fence());
    this.rowHashes = hashes.toString();
    this.valueAliases = IntStream.of(hashed).mapToObj(i -> "t" + i).toList();
    this.keyAliases = IntStream.of(keys).mapToObj(i -> "t" + i).toList();

    List<String> aggregates = new ArrayList<>();
    aggregates.add((keys.length > 0 ? dialect.bucket("kh", buckets) : "0") + " AS bk");
    aggregates.add("count(*)");
    aggregates.add("sum(rh)");
    for (int i : hashed) {
      ColumnKind kind = ValueNormaliser.kindUnder(rules.rule(names.get(i)), types.get(i).kind());
      boolean numeric = sql[i].number() != null;
      columns.add(new Planned(names.get(i), kind, numeric));
      aggregates.add("count(t" + i + ")");
      if (numeric) {
        aggregates.add("min(v" + i + ")");
        aggregates.add("max(v" + i + ")");
        aggregates.add("sum(v" + i + ")");
      } else {
        boolean ascii = kind != ColumnKind.TEXT && kind != ColumnKind.OTHER;
        String key = ascii ? dialect.asciiOrderKey("t" + i) : dialect.orderKey("t" + i);
        aggregates.add(dialect.min(key));
        aggregates.add(dialect.max(key));
      }
    }
    for (int g = 0; g < guards.size(); g++) {
      aggregates.add("sum(g" + g + ")");
    }
    this.sql =
        "SELECT "
            + String.join(", ", aggregates)
            + " FROM ("
            + hashes
            + ") l2"
            + (keys.length > 0 ? " GROUP BY 1" : "");
  }

  String sql() {
    return sql;
  }

  /**
   * One row per source row: the canonical texts ({@link #valueAliases()}, {@link #keyAliases()}),
   * the counted guards ({@code g0}, {@code g1}, …), the row hash {@code rh} and, with a key, the
   * key hash {@code kh}. What {@code dualrun diff} aggregates by bucket and reads rows from.
   */
  public String rowHashes() {
    return rowHashes;
  }

  /** The aliases of the fingerprinted columns' canonical texts in {@link #rowHashes()}, by name. */
  public List<String> valueAliases() {
    return valueAliases;
  }

  /** The aliases of the key columns' canonical texts in {@link #rowHashes()}, in key order. */
  public List<String> keyAliases() {
    return keyAliases;
  }

  /** The included columns, in the fingerprint's (name) order. */
  List<Planned> columns() {
    return columns;
  }

  List<String> keyNames() {
    return keyNames;
  }

  /** Buckets (1 without a key: one group). */
  int buckets() {
    return buckets;
  }

  List<CountedGuard> guards() {
    return guards;
  }
}
