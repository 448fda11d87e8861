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
import java.sql.DriverManager;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code dualrun diff}: the rows that differ between a baseline and a candidate source, found by
 * bisecting key-hash buckets (docs/diff.md). Exit 0 equal, 1 different, 2 bad arguments or an
 * unreadable source.
 */
@Command(
    name = "diff",
    mixinStandardHelpOptions = true,
    description =
        "Finds the rows that differ between the baseline's and the candidate's output: bucket sums"
            + " by key hash, split where they differ, then only the rows of the differing buckets"
            + " are read and compared by key. Exit 0 equal, 1 different, 2 error.")
public final class DiffCommand implements Callable<Integer> {
  @Option(names = "--key", split = ",", required = true, description = "Key column(s): col[,col].")
  List<String> key = new ArrayList<>();

  @Option(names = "--baseline-jdbc", description = "Baseline JDBC URL.")
  String baselineJdbc;

  @Option(names = "--baseline-table", description = "Baseline table.")
  String baselineTable;

  @Option(names = "--baseline-query", description = "Baseline SQL query.")
  String baselineQuery;

  @Option(names = "--baseline-csv", arity = "1..*", description = "Baseline CSV file(s).")
  List<Path> baselineCsv;

  @Option(names = "--baseline-where", description = "Condition on the baseline's rows (SQL).")
  String baselineWhere;

  @Option(names = "--baseline-user", defaultValue = "${env:DUALRUN_DB_USER}", description = "User.")
  String baselineUser;

  @Option(
      names = "--baseline-password-env",
      defaultValue = "DUALRUN_DB_PASSWORD",
      description = "Variable holding the baseline's password (default DUALRUN_DB_PASSWORD).")
  String baselinePasswordEnv;

  @Option(names = "--candidate-jdbc", description = "Candidate JDBC URL.")
  String candidateJdbc;

  @Option(names = "--candidate-table", description = "Candidate table.")
  String candidateTable;

  @Option(names = "--candidate-query", description = "Candidate SQL query.")
  String candidateQuery;

  @Option(names = "--candidate-csv", arity = "1..*", description = "Candidate CSV file(s).")
  List<Path> candidateCsv;

  @Option(names = "--candidate-where", description = "Condition on the candidate's rows (SQL).")
  String candidateWhere;

  @Option(
      names = "--candidate-user",
      defaultValue = "${env:DUALRUN_DB_USER}",
      description = "User.")
  String candidateUser;

  @Option(
      names = "--candidate-password-env",
      defaultValue = "DUALRUN_DB_PASSWORD",
      description = "Variable holding the candidate's password (default DUALRUN_DB_PASSWORD).")
  String candidatePasswordEnv;

  @Option(names = "--type", description = "CSV column type, e.g. amount=decimal (default text).")
  Map<String, String> types = new LinkedHashMap<>();

  @Option(names = "--delimiter", defaultValue = ",", description = "CSV delimiter.")
  char delimiter;

  @Option(names = "--fetch-size", defaultValue = "10000", description = "JDBC fetch size.")
  int fetchSize;

  @Option(names = "--ignore-column", description = "Column left out (repeatable).")
  List<String> ignore = new ArrayList<>();

  @Option(
      names = "--mask",
      description =
          "Sensitive column (repeatable; with the inventory's sensitive ones): its values are shown"
              + " and sent only as a keyed hash.")
  List<String> mask = new ArrayList<>();

  @Option(
      names = "--normalise",
      paramLabel = "column:rule[,rule]",
      description = "Normalisation rule(s) of a column (repeatable), as dualrun fingerprint.")
  List<String> normalise = new ArrayList<>();

  @Option(
      names = "--inventory",
      description =
          "Inventory whose rules (normalise, ignoreColumns) for --workflow's --output apply.")
  Path inventory;

  @Option(names = "--workflow", description = "Workflow of --output in --inventory.")
  String workflow;

  @Option(names = "--output", description = "Output name in --inventory.")
  String output;

  @Option(
      names = "--pushdown",
      negatable = true,
      defaultValue = "true",
      fallbackValue = "true",
      description =
          "Bucket sums and rows computed by each JDBC side's database (default), or read by this"
              + " process (--no-pushdown); a column without an exact SQL form is read here anyway.")
  boolean pushdown;

  @Option(
      names = "--buckets",
      defaultValue = "64",
      description = "Buckets each differing bucket splits into (default 64).")
  int buckets;

  @Option(
      names = "--max-rows",
      defaultValue = "4000",
      description = "The most rows read from each side (default 4000).")
  long maxRows;

  @Option(
      names = "--max-seconds",
      defaultValue = "300",
      description = "Stop splitting after this long and read what fits (default 300).")
  long maxSeconds;

  @Option(
      names = "--format",
      defaultValue = "table",
      description = "table, json or csv (default table).")
  String format;

  PrintStream out = System.out;
  PrintStream err = System.err;

  @Override
  public Integer call() {
    try {
      DiffPrinter.Format f = format();
      Bisection.Limits limits =
          new Bisection.Limits(buckets, maxRows, Duration.ofSeconds(maxSeconds));
      Rules rules = rules();
      List<String> ignored = new ArrayList<>(ignore);
      ignored.addAll(rules.ignore());
      java.util.Set<String> sensitive = new java.util.TreeSet<>(mask);
      sensitive.addAll(rules.sensitive());
      Masking masking = Masking.of(sensitive);
      try (DiffSide baseline =
              side("baseline", baselineSource(), rules.normalise(), false, ignored, masking);
          DiffSide candidate =
              side("candidate", candidateSource(), rules.normalise(), true, ignored, masking)) {
        checkMasked(masking, baseline.columns());
        DiffResult r = new Bisection(baseline, candidate, limits, System::nanoTime).run();
        DiffPrinter.print(r, key, f, out);
        return r.equal() ? 0 : 1;
      }
    } catch (IllegalArgumentException e) {
      err.println("dualrun diff: " + e.getMessage());
      return 2;
    } catch (Exception e) {
      err.println("dualrun diff: " + e);
      return 2;
    }
  }

  private DiffPrinter.Format format() {
    try {
      return DiffPrinter.Format.valueOf(format.toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("--format: '" + format + "' is not table, json or csv", e);
    }
  }

  private DiffSide side(
      String name,
      Source source,
      Normalisation rules,
      boolean candidate,
      List<String> ignored,
      Masking masking)
      throws Exception {
    FallbackSide.Scanned scanned =
        () -> {
          try {
            return new ScannedSide(source.rows(), key, ignored, rules, candidate, masking);
          } catch (java.sql.SQLException e) {
            throw new IllegalArgumentException(
                "the " + name + " cannot be read: " + e.getMessage(), e);
          }
        };
    if (source.connector() == null || !pushdown) {
      return scanned.open();
    }
    java.sql.Connection c;
    try {
      c = source.connector().connect();
    } catch (java.sql.SQLException e) {
      throw new IllegalArgumentException("the " + name + " cannot be read: " + e.getMessage(), e);
    }
    try {
      InDatabaseBuckets b =
          new InDatabaseBuckets(c, source.query(), ignored, key, rules, candidate);
      return new FallbackSide(name, new SqlSide(c, b, key, masking), scanned, err);
    } catch (PushdownRefusal e) {
      c.close();
      err.println("dualrun diff: the " + name + " is read by this process: " + e.getMessage());
      return scanned.open();
    } catch (java.sql.SQLException | RuntimeException e) {
      c.close();
      if (e instanceof IllegalArgumentException iae) {
        throw iae;
      }
      throw new IllegalArgumentException("the " + name + " cannot be read: " + e.getMessage(), e);
    }
  }

  /** A connection to a side's database. */
  @FunctionalInterface
  interface Connector {
    java.sql.Connection connect() throws java.sql.SQLException;
  }

  /** A side's rows as this process reads them, and its database and query (null for CSV). */
  record Source(ScannedSide.Rows rows, Connector connector, String query) {}

  private Source baselineSource() {
    return source(
        "--baseline",
        baselineJdbc,
        baselineTable,
        baselineQuery,
        baselineCsv,
        baselineWhere,
        baselineUser,
        baselinePasswordEnv);
  }

  private Source candidateSource() {
    return source(
        "--candidate",
        candidateJdbc,
        candidateTable,
        candidateQuery,
        candidateCsv,
        candidateWhere,
        candidateUser,
        candidatePasswordEnv);
  }

  private Source source(
      String prefix,
      String jdbc,
      String table,
      String query,
      List<Path> csv,
      String where,
      String user,
      String passwordEnv) {
    int given = (table != null ? 1 : 0) + (query != null ? 1 : 0) + (csv != null ? 1 : 0);
    if (given != 1) {
      throw new IllegalArgumentException(
          "give one of " + prefix + "-table, " + prefix + "-query, " + prefix + "-csv");
    }
    if (csv != null) {
      if (where != null) {
        throw new IllegalArgumentException(prefix + "-where needs a JDBC source, not CSV files");
      }
      Map<String, ColumnKind> kinds = new LinkedHashMap<>();
      types.forEach((k, v) -> kinds.put(k.toLowerCase(Locale.ROOT), ColumnKind.parse(v)));
      return new Source(() -> new CsvSource(csv, delimiter, kinds), null, null);
    }
    if (jdbc == null) {
      throw new IllegalArgumentException(
          prefix + "-jdbc is required with " + prefix + "-table or -query");
    }
    String rows = table != null ? JdbcSource.tableQuery(table) : query;
    String selected =
        where == null ? rows : "SELECT * FROM (" + rows + ") dualrun_diff WHERE " + where;
    String password = passwordEnv == null ? null : System.getenv(passwordEnv);
    Connector connector = () -> DriverManager.getConnection(jdbc, user, password);
    return new Source(
        () -> new JdbcSource(connector.connect(), selected, fetchSize), connector, selected);
  }

  /**
   * A masked column the output does not have is a mistake worth saying: nothing would be hidden.
   */
  private static void checkMasked(Masking masking, List<String> columns) {
    for (String c : masking.columns()) {
      if (!columns.contains(c)) {
        throw new IllegalArgumentException(
            "--mask / sensitive: no column '"
                + c
                + "' (columns: "
                + String.join(", ", columns)
                + ")");
      }
    }
  }

  /** Rules of the output: --normalise, or the inventory's normalise, ignoreColumns, sensitive. */
  record Rules(Normalisation normalise, List<String> ignore, java.util.Set<String> sensitive) {}

  private Rules rules() {
    if (inventory == null) {
      try {
        return new Rules(Normalisation.parse(normalise), List.of(), java.util.Set.of());
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
