package io.dualrun.hooks.fingerprint;

import io.dualrun.schemas.normalise.Normalisation;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The fingerprint computed by the database ({@code dualrun fingerprint --pushdown}): the query's
 * column types are read from the driver's metadata of the query with no rows (as the client path
 * reads them), the dialect's SQL computes the per-bucket aggregates, and only those leave the
 * database. Bit-identical to the client path, column hashes aside (XXH64 has no SQL form: they are
 * null).
 */
public final class Pushdown {
  private final Connection connection;
  private final SqlDialect dialect;
  private final PushdownQuery query;
  private int groups;

  /**
   * Plans the fingerprint of {@code sourceQuery}'s rows.
   *
   * @throws PushdownRefusal when the database or a column's type or rule has no exact SQL form
   * @throws IllegalArgumentException for a bad column, key or rule (as the client path)
   */
  public Pushdown(
      Connection connection,
      String sourceQuery,
      List<String> ignore,
      List<String> keyColumns,
      int buckets,
      Normalisation rules,
      boolean candidateSide)
      throws SQLException {
    this.connection = connection;
    this.dialect = dialectOf(connection);
    String source = subquery(sourceQuery);
    this.query =
        new PushdownQuery(
            dialect,
            source,
            types(connection, source),
            ignore,
            keyColumns,
            buckets,
            rules,
            candidateSide);
  }

  /** The dialect of the connection's database. */
  static SqlDialect dialectOf(Connection connection) throws SQLException {
    String product = connection.getMetaData().getDatabaseProductName();
    String p = product == null ? "" : product.toLowerCase(Locale.ROOT);
    if (p.contains("postgresql")) {
      String encoding = serverEncoding(connection);
      if (!"UTF8".equalsIgnoreCase(encoding)) {
        throw new PushdownRefusal(
            "the PostgreSQL database's encoding is "
                + encoding
                + ": the SQL's text lengths and order are written for UTF8");
      }
      return new PostgresDialect();
    }
    if (p.contains("mariadb") || p.contains("mysql")) {
      return new MariaDbDialect(product, backslashEscapes(connection));
    }
    throw new PushdownRefusal(
        "no SQL for " + product + " (PostgreSQL, MariaDB and MySQL have it); use --no-pushdown");
  }

  private static String serverEncoding(Connection connection) throws SQLException {
    try (Statement s = connection.createStatement();
        ResultSet r = s.executeQuery("SHOW server_encoding")) {
      return r.next() ? r.getString(1) : "unknown";
    }
  }

  /** Whether the MariaDB or MySQL session reads backslashes in string literals as escapes. */
  private static boolean backslashEscapes(Connection connection) throws SQLException {
    try (Statement s = connection.createStatement();
        ResultSet r = s.executeQuery("SELECT @@SESSION.sql_mode")) {
      String mode = r.next() ? r.getString(1) : null;
      return mode == null || !mode.toUpperCase(Locale.ROOT).contains("NO_BACKSLASH_ESCAPES");
    }
  }

  /** {@code query} as a subquery: without the trailing semicolons a statement may end with. */
  static String subquery(String query) {
    return query.strip().replaceAll("[;\\s]+$", "");
  }

  /** The types of {@code query}'s columns, read from the metadata of the query with no rows. */
  static List<JdbcColumnType> types(Connection connection, String query) throws SQLException {
    try (Statement s = connection.createStatement();
        ResultSet rs = s.executeQuery("SELECT * FROM (" + query + ") q LIMIT 0")) {
      ResultSetMetaData meta = rs.getMetaData();
      List<JdbcColumnType> types = new ArrayList<>();
      for (int i = 1; i <= meta.getColumnCount(); i++) {
        types.add(JdbcColumnType.of(meta, i));
      }
      return types;
    }
  }

  /** The database's name. */
  public String database() {
    return dialect.name();
  }

  /** The SQL that runs. */
  public String sql() {
    return query.sql();
  }

  /**
   * Runs the query and adds up its aggregates.
   *
   * @throws PushdownRefusal when a value without an exact SQL form was found
   */
  public FingerprintResult run() throws SQLException {
    boolean autoCommit = connection.getAutoCommit();
    connection.setAutoCommit(false);
    try (Statement s = connection.createStatement();
        ResultSet rows = s.executeQuery(query.sql())) {
      PushdownResultReader reader = new PushdownResultReader(query, dialect);
      FingerprintResult result = reader.read(rows);
      groups = reader.groups();
      return result;
    } finally {
      connection.rollback();
      connection.setAutoCommit(autoCommit);
    }
  }

  /** The result rows the last run read (one per non-empty bucket, or one without a key). */
  public int groups() {
    return groups;
  }
}
