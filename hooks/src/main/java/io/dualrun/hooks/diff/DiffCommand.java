package io.dualrun.hooks.diff;

import io.dualrun.schemas.ColumnKind;
import java.io.PrintStream;
import java.nio.file.Path;
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

  @Option(
      names = "--baseline-agent",
      paramLabel = "NAME",
      description =
          "Ask the side agent NAME (dualrun agent) for the baseline over Kafka instead of reading"
              + " it here.")
  String baselineAgent;

  @Option(
      names = "--candidate-agent",
      paramLabel = "NAME",
      description = "Ask the side agent NAME for the candidate over Kafka.")
  String candidateAgent;

  @Option(
      names = "--baseline-fingerprint",
      paramLabel = "FILE",
      description =
          "The baseline's fingerprint (JSON, as dualrun fingerprint prints it) instead of its rows:"
              + " the candidate's rows are compared with its buckets.")
  Path baselineFingerprint;

  @Option(
      names = "--candidate-fingerprint",
      paramLabel = "FILE",
      description = "The candidate's fingerprint instead of its rows.")
  Path candidateFingerprint;

  @Option(
      names = "--agent-timeout",
      paramLabel = "SECONDS",
      defaultValue = "60",
      description = "How long to wait for an agent's answer (default ${DEFAULT-VALUE}).")
  long agentTimeoutSeconds;

  @Option(
      names = "--pair",
      paramLabel = "WORKFLOW/PARTITION",
      description =
          "The pair the agents' {workflow} and {partition} placeholders stand for (agents only).")
  String pair;

  @picocli.CommandLine.Mixin DrillKafka topics = new DrillKafka();

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
      SideSources.Rules rules = rules();
      List<String> ignored = new ArrayList<>(ignore);
      ignored.addAll(rules.ignore());
      java.util.Set<String> sensitive = new java.util.TreeSet<>(mask);
      sensitive.addAll(rules.sensitive());
      Masking masking = Masking.of(sensitive);
      checkAgents(rules);
      if (baselineFingerprint != null || candidateFingerprint != null) {
        return againstFingerprint(f, limits, rules, ignored, masking);
      }
      String drillId = java.util.UUID.randomUUID().toString();
      try (DiffSide baseline =
              baselineAgent != null
                  ? agentSide("baseline", baselineAgent, drillId)
                  : side("baseline", baselineSource(), false, rules, ignored, masking);
          DiffSide candidate =
              candidateAgent != null
                  ? agentSide("candidate", candidateAgent, drillId)
                  : side("candidate", candidateSource(), true, rules, ignored, masking)) {
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

  /**
   * One side's rows against the other side's fingerprint: the rows of the buckets that differ
   * (docs/diff.md, "One source and a fingerprint").
   */
  private int againstFingerprint(
      DiffPrinter.Format f,
      Bisection.Limits limits,
      SideSources.Rules rules,
      List<String> ignored,
      Masking masking)
      throws Exception {
    boolean sideIsBaseline = candidateFingerprint != null;
    if (baselineFingerprint != null && candidateFingerprint != null) {
      throw new IllegalArgumentException(
          "--baseline-fingerprint and --candidate-fingerprint: give one side's rows (a source or"
              + " an agent) and the other side's fingerprint");
    }
    String option = sideIsBaseline ? "--candidate-fingerprint" : "--baseline-fingerprint";
    if (sideIsBaseline
        ? (candidateJdbc != null
            || candidateTable != null
            || candidateQuery != null
            || candidateCsv != null
            || candidateAgent != null)
        : (baselineJdbc != null
            || baselineTable != null
            || baselineQuery != null
            || baselineCsv != null
            || baselineAgent != null)) {
      throw new IllegalArgumentException(
          option + ": the fingerprint stands for that side; give no other source for it");
    }
    FingerprintFile fingerprint =
        FingerprintFile.read(sideIsBaseline ? candidateFingerprint : baselineFingerprint, option);
    String agent = sideIsBaseline ? baselineAgent : candidateAgent;
    checkFingerprint(fingerprint, option, agent == null ? rules : null);
    String name = sideIsBaseline ? "baseline" : "candidate";
    try (DiffSide side =
        agent != null
            ? agentSide(name, agent, java.util.UUID.randomUUID().toString())
            : side(
                name,
                sideIsBaseline ? baselineSource() : candidateSource(),
                !sideIsBaseline,
                rules,
                ignored,
                masking)) {
      checkMasked(masking, side.columns());
      boolean masked = agent != null || !masking.columns().isEmpty();
      DiffResult r =
          new FingerprintDiff(
                  side, sideIsBaseline, fingerprint, limits.maxRows(), masked, System::nanoTime)
              .run();
      DiffPrinter.print(r, key, f, out);
      return r.equal() ? 0 : 1;
    }
  }

  /**
   * The fingerprint must be keyed and normalised as this side is read ({@code rules} null: an agent
   * reads it under its own).
   */
  private void checkFingerprint(FingerprintFile fp, String option, SideSources.Rules rules) {
    List<String> keyNames = key.stream().map(k -> k.toLowerCase(Locale.ROOT)).toList();
    if (fp.hasBuckets() && !fp.keyColumns().equals(keyNames)) {
      throw new IllegalArgumentException(
          option
              + ": its buckets are keyed by "
              + String.join(",", fp.keyColumns())
              + ", not by --key "
              + String.join(",", keyNames)
              + " (give the fingerprint's key)");
    }
    if (rules == null) {
      return;
    }
    String here = rules.normalise().isEmpty() ? null : rules.normalise().text();
    if (!java.util.Objects.equals(here, fp.normalisation())) {
      throw new IllegalArgumentException(
          option
              + ": made under the normalisation rules '"
              + (fp.normalisation() == null ? "" : fp.normalisation())
              + "', the rows here are read under '"
              + (here == null ? "" : here)
              + "' (give the same rules: --normalise or --inventory)");
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
      SideSources.Source source,
      boolean candidate,
      SideSources.Rules rules,
      List<String> ignored,
      Masking masking)
      throws Exception {
    return SideSources.open(
        name,
        source,
        candidate,
        new SideSources.Reading(
            key, rules.normalise(), ignored, masking, pushdown, err, "dualrun diff"));
  }

  /**
   * An agent applies its own rules and masking: rules given here would not reach it, so they are
   * refused rather than silently ignored.
   */
  private void checkAgents(SideSources.Rules rules) {
    if (baselineAgent == null && candidateAgent == null) {
      return;
    }
    if (agentTimeoutSeconds < 1) {
      throw new IllegalArgumentException("--agent-timeout must be at least 1 second");
    }
    boolean anyRule =
        !rules.ignore().isEmpty()
            || !rules.sensitive().isEmpty()
            || !ignore.isEmpty()
            || !mask.isEmpty()
            || !normalise.isEmpty()
            || inventory != null;
    if (anyRule) {
      throw new IllegalArgumentException(
          "--normalise, --ignore-column, --mask and --inventory apply to sides read here; an agent"
              + " applies its own (give them to dualrun agent)");
    }
    if (baselineAgent != null
        && (baselineJdbc != null
            || baselineTable != null
            || baselineQuery != null
            || baselineCsv != null)) {
      throw new IllegalArgumentException(
          "--baseline-agent: the agent reads the baseline; give no other --baseline- source");
    }
    if (candidateAgent != null
        && (candidateJdbc != null
            || candidateTable != null
            || candidateQuery != null
            || candidateCsv != null)) {
      throw new IllegalArgumentException(
          "--candidate-agent: the agent reads the candidate; give no other --candidate- source");
    }
  }

  private DiffSide agentSide(String side, String agent, String drillId) {
    int slash = pair == null ? -1 : pair.indexOf('/');
    if (pair != null && (slash <= 0 || slash == pair.length() - 1)) {
      throw new IllegalArgumentException("--pair: '" + pair + "' is not WORKFLOW/PARTITION");
    }
    return new KafkaSide(
        side,
        agent,
        drillId,
        pair == null ? null : pair.substring(0, slash),
        pair == null ? null : pair.substring(slash + 1),
        topics.kafka(),
        topics.catalog(),
        Duration.ofSeconds(agentTimeoutSeconds),
        java.time.Clock.systemUTC());
  }

  private SideSources.Source baselineSource() {
    return source(
        new SideSources.Options(
            "--baseline-",
            baselineJdbc,
            baselineTable,
            baselineQuery,
            baselineCsv,
            baselineWhere,
            baselineUser,
            baselinePasswordEnv));
  }

  private SideSources.Source candidateSource() {
    return source(
        new SideSources.Options(
            "--candidate-",
            candidateJdbc,
            candidateTable,
            candidateQuery,
            candidateCsv,
            candidateWhere,
            candidateUser,
            candidatePasswordEnv));
  }

  private SideSources.Source source(SideSources.Options options) {
    Map<String, ColumnKind> kinds = new LinkedHashMap<>();
    types.forEach((k, v) -> kinds.put(k.toLowerCase(Locale.ROOT), ColumnKind.parse(v)));
    return SideSources.of(options, kinds, delimiter, fetchSize);
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

  private SideSources.Rules rules() {
    return SideSources.Rules.of(inventory, workflow, output, normalise);
  }
}
