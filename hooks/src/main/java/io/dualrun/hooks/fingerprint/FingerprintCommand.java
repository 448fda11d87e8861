package io.dualrun.hooks.fingerprint;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dualrun.hooks.exec.IngestClient;
import io.dualrun.hooks.options.DeclaredOutput;
import io.dualrun.hooks.options.IngestOptions;
import io.dualrun.schemas.ColumnKind;
import io.dualrun.schemas.avro.OutputFingerprint;
import io.dualrun.schemas.avro.Side;
import io.dualrun.schemas.json.AvroJson;
import io.dualrun.schemas.json.RecordRules;
import io.dualrun.schemas.normalise.Normalisation;
import java.io.PrintStream;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code dualrun fingerprint}: the fingerprint of an output (a JDBC table or query, or CSV files),
 * printed as JSON and/or sent to ingest. The encoding is in docs/fingerprint.md.
 */
@Command(
    name = "fingerprint",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    description = "Computes an output's fingerprint (row count, content hash, column stats).")
public final class FingerprintCommand implements Callable<Integer> {
  static final int NOT_DELIVERED = 3;
  private static final ObjectMapper MAPPER = new ObjectMapper();

  /** Where the rows come from: exactly one of them. */
  static final class Input {
    @Option(names = "--table", description = "Table name (schema.table).")
    String table;

    @Option(names = "--query", description = "SQL query.")
    String query;

    @Option(names = "--csv", arity = "1..*", description = "CSV file(s) with a header line.")
    List<Path> csv;
  }

  @ArgGroup(exclusive = true, multiplicity = "1")
  Input input;

  @Option(names = "--jdbc", description = "JDBC URL, e.g. jdbc:postgresql://host/db.")
  String jdbc;

  @Option(names = "--user", defaultValue = "${env:DUALRUN_DB_USER}", description = "DB user.")
  String user;

  @Option(
      names = "--password-env",
      defaultValue = "DUALRUN_DB_PASSWORD",
      description = "Variable holding the DB password (default ${DEFAULT-VALUE}).")
  String passwordEnv;

  @Option(names = "--fetch-size", defaultValue = "10000", description = "JDBC fetch size.")
  int fetchSize;

  @Option(names = "--type", description = "CSV column type, e.g. amount=decimal (default text).")
  Map<String, String> types = new LinkedHashMap<>();

  @Option(names = "--delimiter", defaultValue = ",", description = "CSV delimiter.")
  char delimiter;

  @Option(names = "--ignore-column", description = "Column left out (repeatable).")
  List<String> ignore = new ArrayList<>();

  @Option(
      names = "--normalise",
      paramLabel = "column:rule[,rule]",
      description =
          "Normalisation rule(s) of a column, applied before hashing (repeatable; the same on both"
              + " sides): scale=N, precision=ms|s, timezone=ZONE, trim, case-insensitive,"
              + " empty-is-null, baseline=NAME, candidate=NAME.")
  List<String> normalise = new ArrayList<>();

  @Option(
      names = "--inventory",
      description =
          "Inventory (workflows.yaml) whose normalise rules for --workflow's --output apply.")
  Path inventory;

  @Option(names = "--bucket-key", split = ",", description = "Bucket key column(s): col[,col].")
  List<String> bucketKey = new ArrayList<>();

  @Option(names = "--buckets", defaultValue = "64", description = "Buckets (with --bucket-key).")
  int buckets;

  @Option(names = "--output", description = "Output name (default: the table name).")
  String output;

  @Option(
      names = "--workflow",
      defaultValue = "${env:DUALRUN_WORKFLOW}",
      description = "Workflow id (needed with --send; env DUALRUN_WORKFLOW, set by dualrun exec).")
  String workflow;

  @Option(
      names = "--partition",
      defaultValue = "${env:DUALRUN_PARTITION}",
      description = "Partition (needed with --send; env DUALRUN_PARTITION).")
  String partition;

  @Option(
      names = "--side",
      defaultValue = "${env:DUALRUN_SIDE}",
      description = "baseline or candidate (needed with --send; env DUALRUN_SIDE).")
  String side;

  @Option(
      names = "--run-id",
      defaultValue = "${env:DUALRUN_RUN_ID}",
      description = "Run id (needed with --send; env DUALRUN_RUN_ID).")
  String runId;

  @Option(
      names = "--attempt",
      defaultValue = "${env:DUALRUN_ATTEMPT:-1}",
      description = "Attempt (env DUALRUN_ATTEMPT; default 1).")
  int attempt;

  @Option(names = "--send", description = "Send the fingerprint to ingest.")
  boolean send;

  @Option(names = "--quiet", description = "Do not print the JSON.")
  boolean quiet;

  @Mixin IngestOptions ingest = new IngestOptions();

  @Option(
      names = "--pushdown",
      negatable = true,
      description =
          "Compute the fingerprint in the database, bit-identical to the client's (default: when"
              + " every column's type allows it and no column hashes are asked for);"
              + " --no-pushdown: read the rows and compute it here.")
  Boolean pushdown;

  @Option(
      names = "--column-hashes",
      negatable = true,
      description =
          "Per-column hashes (default: on, except with --pushdown, which cannot compute them).")
  Boolean columnHashes;

  @Option(
      names = "--progress",
      negatable = true,
      description = "Progress bar (default: on a terminal).")
  Boolean progress;

  PrintStream out = System.out;
  PrintStream err = System.err;

  @Override
  public Integer call() throws Exception {
    ObjectNode json;
    try {
      json = json(fingerprint());
    } catch (IllegalArgumentException e) {
      err.println("dualrun fingerprint: " + e.getMessage());
      return 2;
    }
    if (!quiet) {
      out.println(MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(json));
    }
    return send ? send(json) : 0;
  }

  private FingerprintResult fingerprint() throws Exception {
    boolean hashes = wantsColumnHashes();
    if (input.csv != null && Boolean.TRUE.equals(pushdown)) {
      throw new IllegalArgumentException(
          "--pushdown needs --jdbc (CSV files are read by the client)");
    }
    if (input.csv == null) {
      FingerprintResult inDatabase = pushdown(hashes);
      if (inDatabase != null) {
        return inDatabase;
      }
    }
    FingerprintResult r;
    try (RowSource source = openSource()) {
      r = compute(source);
    }
    return hashes
        ? r
        : new FingerprintResult(
            r.rowCount(), r.contentHash(), r.schema(), r.columns(), r.buckets(), null);
  }

  /** Whether column hashes are computed: by default, unless --pushdown is given. */
  private boolean wantsColumnHashes() {
    if (Boolean.TRUE.equals(pushdown) && Boolean.TRUE.equals(columnHashes)) {
      throw new IllegalArgumentException(
          "--pushdown and --column-hashes: the database cannot compute column hashes (XXH64 has"
              + " no SQL form); use --no-pushdown for them");
    }
    return columnHashes != null ? columnHashes : !Boolean.TRUE.equals(pushdown);
  }

  /**
   * The fingerprint computed in the database, or null when the client path is to compute it; says
   * on stderr which path runs and why.
   */
  private FingerprintResult pushdown(boolean hashes) throws Exception {
    if (Boolean.FALSE.equals(pushdown)) {
      err.println("dualrun fingerprint: computed by the client (--no-pushdown)");
      return null;
    }
    if (hashes) {
      err.println(
          "dualrun fingerprint: computed by the client (column hashes are asked for;"
              + " --no-column-hashes lets the database compute the rest)");
      return null;
    }
    boolean forced = Boolean.TRUE.equals(pushdown);
    try (Connection c = connect()) {
      Pushdown p =
          new Pushdown(
              c, sourceQuery(), ignore, bucketKey, buckets, rules(), candidateSide(rules()));
      FingerprintResult r = p.run();
      err.println("dualrun fingerprint: computed in the database (" + p.database() + ")");
      return r;
    } catch (PushdownRefusal | SQLException e) {
      if (forced) {
        throw e;
      }
      err.println("dualrun fingerprint: computed by the client: " + e.getMessage());
      return null;
    }
  }

  private FingerprintResult compute(RowSource source) throws Exception {
    Fingerprinter f =
        new Fingerprinter(
            source.columns(), ignore, bucketKey, buckets, rules(), candidateSide(rules()));
    Object[] row = new Object[source.columns().size()];
    try (ReadAhead rows = new ReadAhead(source);
        ProgressBar bar = progressBar()) {
      while (rows.next(row)) {
        f.add(row);
        if (bar != null && (f.rows() & 1023) == 0) {
          bar.stepTo(f.rows());
        }
      }
      if (bar != null) {
        bar.stepTo(f.rows());
      }
    }
    return f.result();
  }

  private Normalisation rules;

  /** The rules of --normalise, or of the inventory's declared output; none without either. */
  Normalisation rules() {
    if (rules != null) {
      return rules;
    }
    if (inventory != null && !normalise.isEmpty()) {
      throw new IllegalArgumentException(
          "--normalise and --inventory: give the rules in one place (the inventory, or flags)");
    }
    if (inventory == null) {
      try {
        rules = Normalisation.parse(normalise);
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException("--normalise: " + e.getMessage(), e);
      }
      return rules;
    }
    if (workflow == null) {
      throw new IllegalArgumentException("--inventory needs --workflow (or DUALRUN_WORKFLOW)");
    }
    rules = DeclaredOutput.find(inventory, workflow, outputName()).normalise();
    return rules;
  }

  private boolean candidateSide(Normalisation r) {
    if (side == null) {
      if (r.renames()) {
        throw new IllegalArgumentException(
            "the rules rename columns per side: --side baseline|candidate (or DUALRUN_SIDE) is"
                + " needed");
      }
      return false;
    }
    return Side.valueOf(side.toUpperCase(Locale.ROOT)) == Side.CANDIDATE;
  }

  private ProgressBar progressBar() {
    boolean show = progress != null ? progress : System.console() != null;
    if (!show) {
      return null;
    }
    return new ProgressBarBuilder()
        .setTaskName("fingerprint")
        .setInitialMax(-1)
        .setUnit(" rows", 1)
        .showSpeed()
        .setConsumer(new ConsoleProgressBarConsumer(err))
        .build();
  }

  private RowSource openSource() throws Exception {
    if (input.csv != null) {
      Map<String, ColumnKind> kinds = new LinkedHashMap<>();
      types.forEach((k, v) -> kinds.put(k.toLowerCase(Locale.ROOT), ColumnKind.parse(v)));
      return new CsvSource(input.csv, delimiter, kinds);
    }
    return new JdbcSource(connect(), sourceQuery(), fetchSize);
  }

  private Connection connect() throws SQLException {
    if (jdbc == null) {
      throw new IllegalArgumentException("--jdbc is required with --table or --query");
    }
    String password = passwordEnv == null ? null : System.getenv(passwordEnv);
    return DriverManager.getConnection(jdbc, user, password);
  }

  private String sourceQuery() {
    return input.table != null ? JdbcSource.tableQuery(input.table) : input.query;
  }

  private String outputName() {
    if (output != null) {
      return output;
    }
    if (input.table != null) {
      return input.table;
    }
    if (input.csv != null) {
      return input.csv.get(0).getFileName().toString();
    }
    throw new IllegalArgumentException("--output is required with --query");
  }

  private ObjectNode json(FingerprintResult r) {
    boolean identified = workflow != null && partition != null && side != null && runId != null;
    OutputFingerprint f =
        OutputFingerprint.newBuilder()
            .setEventId(java.util.UUID.randomUUID().toString())
            .setWorkflow(identified ? workflow : "-")
            .setPartition(identified ? partition : "-")
            .setSide(identified ? Side.valueOf(side.toUpperCase(Locale.ROOT)) : Side.BASELINE)
            .setRunId(identified ? runId : "-")
            .setAttempt(attempt)
            .setOutput(outputName())
            .setEventTime(Instant.now())
            .setRowCount(r.rowCount())
            .setContentHash(r.contentHash())
            .setSchema$(r.schema())
            .setColumns(r.columns())
            .setBuckets(r.buckets())
            .setColumnHashes(r.columnHashes())
            .setNormalisation(rules().isEmpty() ? null : rules().text())
            .build();
    ObjectNode json = AvroJson.write(f);
    if (!identified) {
      json.remove(List.of("eventId", "workflow", "partition", "side", "runId", "attempt"));
    } else {
      RecordRules.check(f).forEach(e -> err.println("dualrun fingerprint: " + e));
    }
    return json;
  }

  private int send(ObjectNode json) {
    if (!json.has("workflow")) {
      err.println("dualrun fingerprint: --send needs --workflow, --partition, --side and --run-id");
      return 2;
    }
    IngestClient.Result r =
        new IngestClient(ingest.url(), ingest.token(), Duration.ofSeconds(30))
            .post("/v1/fingerprints", List.of(json));
    if (r.outcome() != IngestClient.Outcome.DELIVERED) {
      err.println("dualrun fingerprint: not delivered (HTTP " + r.status() + "): " + r.detail());
      return NOT_DELIVERED;
    }
    return 0;
  }
}
