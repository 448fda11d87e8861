package io.dualrun.hooks.diff;

import io.dualrun.hooks.fingerprint.CsvSource;
import io.dualrun.hooks.fingerprint.InDatabaseBuckets;
import io.dualrun.hooks.fingerprint.JdbcSource;
import io.dualrun.hooks.fingerprint.PushdownRefusal;
import io.dualrun.hooks.options.DeclaredOutput;
import io.dualrun.inventory.OutputSpec;
import io.dualrun.schemas.ColumnKind;
import io.dualrun.schemas.normalise.Normalisation;
import java.io.PrintStream;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Where a side's rows come from (a JDBC table or query, or CSV files) and the {@link DiffSide} that
 * answers for it: in its database where it can, else read by this process. Shared by {@code dualrun
 * diff} (both sides) and {@code dualrun agent} (one side).
 */
public final class SideSources {
  private SideSources() {}

  /** A connection to a side's database. */
  @FunctionalInterface
  public interface Connector {
    Connection connect() throws SQLException;
  }

  /** A side's rows as this process reads them, and its database and query (null for CSV). */
  public record Source(ScannedSide.Rows rows, Connector connector, String query) {}

  /**
   * {@code sql} with {@code {workflow}} and {@code {partition}} replaced by SQL string literals of
   * the pair's (quotes doubled); fails naming {@code option} when one is used and not given.
   */
  public static String substitute(String sql, String option, String workflow, String partition) {
    if (sql == null) {
      return null;
    }
    String out = sql;
    for (String[] p : new String[][] {{"{workflow}", workflow}, {"{partition}", partition}}) {
      if (out.contains(p[0])) {
        if (p[1] == null) {
          throw new IllegalArgumentException(
              option + " uses " + p[0] + " but the request names no pair");
        }
        out = out.replace(p[0], "'" + p[1].replace("'", "''") + "'");
      }
    }
    return out;
  }

  /** The options of one side, named {@code prefix + "table"} etc. in messages. */
  public record Options(
      String prefix,
      String jdbc,
      String table,
      String query,
      List<Path> csv,
      String where,
      String user,
      String passwordEnv) {}

  /**
   * The source {@code o} describes; exactly one of table, query and CSV files; a condition only on
   * JDBC.
   */
  public static Source of(
      Options o, Map<String, ColumnKind> csvKinds, char delimiter, int fetchSize) {
    String p = o.prefix();
    int given =
        (o.table() != null ? 1 : 0) + (o.query() != null ? 1 : 0) + (o.csv() != null ? 1 : 0);
    if (given != 1) {
      throw new IllegalArgumentException(
          "give one of " + p + "table, " + p + "query, " + p + "csv");
    }
    if (o.csv() != null) {
      if (o.where() != null) {
        throw new IllegalArgumentException(p + "where needs a JDBC source, not CSV files");
      }
      List<Path> files = o.csv();
      return new Source(() -> new CsvSource(files, delimiter, csvKinds), null, null);
    }
    if (o.jdbc() == null) {
      throw new IllegalArgumentException(p + "jdbc is required with " + p + "table or -query");
    }
    String rows = o.table() != null ? JdbcSource.tableQuery(o.table()) : o.query();
    String selected =
        o.where() == null ? rows : "SELECT * FROM (" + rows + ") dualrun_diff WHERE " + o.where();
    String password = o.passwordEnv() == null ? null : System.getenv(o.passwordEnv());
    String jdbc = o.jdbc();
    String user = o.user();
    Connector connector = () -> DriverManager.getConnection(jdbc, user, password);
    return new Source(
        () -> new JdbcSource(connector.connect(), selected, fetchSize), connector, selected);
  }

  /** Rules of the output: --normalise, or the inventory's normalise, ignoreColumns, sensitive. */
  public record Rules(Normalisation normalise, List<String> ignore, Set<String> sensitive) {
    /** From {@code --normalise} rules, or (not both) the inventory's declared output. */
    public static Rules of(Path inventory, String workflow, String output, List<String> normalise) {
      if (inventory == null) {
        try {
          return new Rules(Normalisation.parse(normalise), List.of(), Set.of());
        } catch (IllegalArgumentException e) {
          throw new IllegalArgumentException("--normalise: " + e.getMessage(), e);
        }
      }
      if (!normalise.isEmpty()) {
        throw new IllegalArgumentException(
            "--normalise and --inventory: give the rules in one place (the inventory, or flags)");
      }
      if (workflow == null || output == null) {
        throw new IllegalArgumentException("--inventory needs --workflow and --output");
      }
      OutputSpec spec = DeclaredOutput.find(inventory, workflow, output);
      return new Rules(spec.normalise(), List.copyOf(spec.ignoreColumns()), spec.sensitive());
    }
  }

  /** How a side is read. */
  public record Reading(
      List<String> key,
      Normalisation rules,
      List<String> ignored,
      Masking masking,
      boolean pushdown,
      PrintStream err,
      String command) {}

  /**
   * The side {@code name} ({@code baseline}, {@code candidate}) of {@code source}: in its database
   * (falling back to reading it here if a column has no exact SQL form) when it is JDBC and {@code
   * pushdown}, else read here.
   */
  public static DiffSide open(String name, Source source, boolean candidate, Reading how)
      throws Exception {
    FallbackSide.Scanned scanned =
        () -> {
          try {
            return new ScannedSide(
                source.rows(), how.key(), how.ignored(), how.rules(), candidate, how.masking());
          } catch (SQLException e) {
            throw new IllegalArgumentException(
                "the " + name + " cannot be read: " + e.getMessage(), e);
          }
        };
    if (source.connector() == null || !how.pushdown()) {
      return scanned.open();
    }
    Connection c;
    try {
      c = source.connector().connect();
    } catch (SQLException e) {
      throw new IllegalArgumentException("the " + name + " cannot be read: " + e.getMessage(), e);
    }
    try {
      InDatabaseBuckets b =
          new InDatabaseBuckets(
              c, source.query(), how.ignored(), how.key(), how.rules(), candidate);
      return new FallbackSide(
          name, new SqlSide(c, b, how.key(), how.masking()), scanned, how.err());
    } catch (PushdownRefusal e) {
      c.close();
      how.err()
          .println(how.command() + ": the " + name + " is read by this process: " + e.getMessage());
      return scanned.open();
    } catch (SQLException | RuntimeException e) {
      c.close();
      if (e instanceof IllegalArgumentException iae) {
        throw iae;
      }
      throw new IllegalArgumentException("the " + name + " cannot be read: " + e.getMessage(), e);
    }
  }
}
