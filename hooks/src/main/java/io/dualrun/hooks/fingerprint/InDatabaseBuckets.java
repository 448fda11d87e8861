package io.dualrun.hooks.fingerprint;

import io.dualrun.schemas.normalise.Normalisation;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * A source's rows as the in-database fingerprint hashes them (docs/fingerprint.md, "Computed in the
 * database"), asked for by key-hash bucket: the row count and row-hash sum of each bucket, or the
 * canonical texts of the rows of some buckets. Only those leave the database. For {@code dualrun
 * diff}.
 */
public final class InDatabaseBuckets {
  /** A bucket's row count and its rows' hash sum mod 2^64. */
  public record Sum(long rows, long hash) {}

  /** A row's canonical texts: its key's (key order) and its columns' (name order). */
  public record Texts(List<String> key, List<String> values) {}

  private final Connection connection;
  private final SqlDialect dialect;
  private final PushdownQuery query;
  private final String rows;
  private final List<JdbcColumnType> types;
  private final List<String> ignore;
  private final List<String> keyColumns;
  private final Normalisation rules;
  private final boolean candidateSide;
  private final String keyHash;

  /**
   * @throws PushdownRefusal when a column or rule has no exact SQL form in this database
   * @throws IllegalArgumentException for a bad key column or rule, as the client path says it
   */
  public InDatabaseBuckets(
      Connection connection,
      String query,
      List<String> ignore,
      List<String> keyColumns,
      Normalisation rules,
      boolean candidateSide)
      throws SQLException {
    this.connection = connection;
    this.dialect = Pushdown.dialectOf(connection);
    this.rows = Pushdown.subquery(query);
    this.types = Pushdown.types(connection, rows);
    this.ignore = List.copyOf(ignore);
    this.keyColumns = List.copyOf(keyColumns);
    this.rules = rules;
    this.candidateSide = candidateSide;
    this.query = over(rows);
    this.keyHash = keyHash();
  }

  private PushdownQuery over(String source) {
    return new PushdownQuery(dialect, source, types, ignore, keyColumns, 1, rules, candidateSide);
  }

  /** SQL of a row's key hash over the source's columns (alias q0), as the fingerprint's. */
  private String keyHash() {
    List<String> names =
        types.stream().map(t -> rules.canonicalName(t.label(), candidateSide)).toList();
    List<String> cells = new ArrayList<>();
    for (String key : keyColumns) {
      int i = names.indexOf(key.toLowerCase(java.util.Locale.ROOT));
      JdbcColumnType type = types.get(i);
      ColumnSql column =
          dialect.column(type, "q0." + dialect.quote(type.label()), rules.rule(names.get(i)));
      cells.add(dialect.cell(column.text()));
    }
    return dialect.hash64(dialect.concat(cells));
  }

  /**
   * The per-row hashes of the rows whose bucket at {@code modulus} is in {@code buckets}: the key
   * hash alone is computed for every row, the texts and the row hash only for those kept.
   */
  private String rowHashes(long modulus, Set<Long> buckets) {
    if (modulus == 1) {
      return query.rowHashes();
    }
    String columns =
        types.stream().map(t -> "f." + dialect.quote(t.label())).collect(Collectors.joining(", "));
    String list = buckets.stream().map(Long::toUnsignedString).collect(Collectors.joining(", "));
    String kept =
        "SELECT "
            + columns
            + " FROM (SELECT q0.*, "
            + keyHash
            + " AS dualrun_kh FROM ("
            + rows
            + ") q0"
            + dialect.fence()
            + ") f WHERE "
            + dialect.bucket("f.dualrun_kh", modulus)
            + " IN ("
            + list
            + ")";
    return over(kept).rowHashes();
  }

  public String database() {
    return dialect.name();
  }

  /** The fingerprinted columns' names, in the order of {@link Texts#values()}. */
  public List<String> columns() {
    return query.columns().stream().map(PushdownQuery.Planned::name).toList();
  }

  /**
   * Row count and hash sum per bucket at {@code modulus} of the rows whose bucket at {@code
   * parentModulus} is in {@code parents} (all rows when {@code parentModulus} is 1).
   *
   * @throws PushdownRefusal when such a row holds a value without an exact SQL form
   */
  public Map<Long, Sum> sums(long modulus, long parentModulus, Set<Long> parents)
      throws SQLException {
    List<String> selected =
        new ArrayList<>(List.of(dialect.bucket("kh", modulus) + " AS bk", "rh"));
    List<String> aggregates = new ArrayList<>(List.of("bk", "count(*)", "sum(rh)"));
    for (int g = 0; g < query.guards().size(); g++) {
      selected.add("g" + g);
      aggregates.add("sum(g" + g + ")");
    }
    String sql =
        "SELECT "
            + String.join(", ", aggregates)
            + " FROM (SELECT "
            + String.join(", ", selected)
            + " FROM ("
            + rowHashes(parentModulus, parents)
            + ") l2) l3 GROUP BY bk";
    Map<Long, Sum> sums = new HashMap<>();
    run(
        sql,
        rs -> {
          while (rs.next()) {
            for (int g = 0; g < query.guards().size(); g++) {
              BigDecimal found = rs.getBigDecimal(4 + g);
              if (found != null && found.signum() > 0) {
                PushdownQuery.CountedGuard guard = query.guards().get(g);
                throw new PushdownRefusal(
                    guard.type().label(),
                    guard.type().typeName(),
                    found + " value(s) found: " + guard.reason());
              }
            }
            sums.put(
                rs.getLong(1),
                new Sum(rs.getLong(2), rs.getBigDecimal(3).toBigInteger().longValue()));
          }
        });
    return sums;
  }

  /** The canonical texts of the rows whose bucket at {@code modulus} is in {@code buckets}. */
  public List<Texts> rows(long modulus, Set<Long> buckets) throws SQLException {
    List<String> aliases = new ArrayList<>(query.keyAliases());
    aliases.addAll(query.valueAliases());
    String sql =
        "SELECT " + String.join(", ", aliases) + " FROM (" + rowHashes(modulus, buckets) + ") l2";
    int keys = query.keyAliases().size();
    List<Texts> found = new ArrayList<>();
    run(
        sql,
        rs -> {
          while (rs.next()) {
            List<String> key = new ArrayList<>();
            List<String> values = new ArrayList<>();
            for (int c = 1; c <= aliases.size(); c++) {
              (c <= keys ? key : values).add(rs.getString(c));
            }
            found.add(new Texts(key, values));
          }
        });
    return found;
  }

  private interface Reader {
    void read(ResultSet rs) throws SQLException;
  }

  private void run(String sql, Reader reader) throws SQLException {
    boolean autoCommit = connection.getAutoCommit();
    connection.setAutoCommit(false);
    try (Statement s = connection.createStatement();
        ResultSet rs = s.executeQuery(sql)) {
      reader.read(rs);
    } finally {
      connection.rollback();
      connection.setAutoCommit(autoCommit);
    }
  }
}
