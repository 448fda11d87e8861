package io.dualrun.hooks.agent;

import io.dualrun.hooks.diff.DiffSide;
import io.dualrun.hooks.diff.DrillKafka;
import io.dualrun.hooks.diff.Masking;
import io.dualrun.hooks.diff.SideSources;
import io.dualrun.hooks.host.HttpOptions;
import io.dualrun.hooks.host.WorkerService;
import io.dualrun.schemas.ColumnKind;
import io.dualrun.schemas.topic.TopicCatalog;
import io.dualrun.service.lifecycle.ServiceHost;
import io.dualrun.service.lifecycle.ServiceRunner;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code dualrun agent}: answers drill-down requests for one side's output from next to its
 * database, so that neither side connects to the other (docs/diff.md, Side agents).
 */
@Command(
    name = "agent",
    mixinStandardHelpOptions = true,
    description =
        "Runs next to one side's database and answers drill-down requests (bucket sums, then the"
            + " rows of a few buckets) read from Kafka, for dualrun diff --baseline-agent /"
            + " --candidate-agent. Runs until stopped.")
public final class AgentCommand implements Callable<Integer> {
  @Option(names = "--name", required = true, description = "This agent's name, as askers give it.")
  String name;

  @Option(
      names = "--side",
      required = true,
      description = "baseline or candidate (a rule may apply to one side only).")
  String side;

  @Option(names = "--key", split = ",", required = true, description = "Key column(s): col[,col].")
  List<String> key = new ArrayList<>();

  @Option(names = "--jdbc", description = "JDBC URL of the side's database.")
  String jdbc;

  @Option(names = "--table", description = "Table.")
  String table;

  @Option(names = "--query", description = "SQL query.")
  String query;

  @Option(names = "--csv", arity = "1..*", description = "CSV file(s).")
  List<Path> csv;

  @Option(names = "--where", description = "Condition on the rows (SQL).")
  String where;

  @Option(names = "--user", defaultValue = "${env:DUALRUN_DB_USER}", description = "User.")
  String user;

  @Option(
      names = "--password-env",
      defaultValue = "DUALRUN_DB_PASSWORD",
      description = "Variable holding the password (default DUALRUN_DB_PASSWORD).")
  String passwordEnv;

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
          "Sensitive column (repeatable; with the inventory's sensitive ones): only a keyed hash of"
              + " its values leaves this agent; needs the secret of --mask-secret-env.")
  List<String> mask = new ArrayList<>();

  @Option(
      names = "--mask-secret-env",
      defaultValue = "DUALRUN_MASK_SECRET",
      description =
          "Variable holding the secret both sides' agents share for masking (default"
              + " DUALRUN_MASK_SECRET).")
  String maskSecretEnv;

  @Option(
      names = "--normalise",
      paramLabel = "column:rule[,rule]",
      description = "Normalisation rule(s) of a column (repeatable), as dualrun fingerprint.")
  List<String> normalise = new ArrayList<>();

  @Option(names = "--inventory", description = "Inventory whose rules for --output apply.")
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
          "Bucket sums and rows computed by the database (default), or read by this process.")
  boolean pushdown;

  @Mixin DrillKafka topics = new DrillKafka();

  @Mixin HttpOptions http = new HttpOptions();

  PrintStream err = System.err;

  @Override
  public Integer call() throws Exception {
    SideAgent.Opener opener;
    try {
      opener = opener();
    } catch (IllegalArgumentException e) {
      err.println("dualrun agent: " + e.getMessage());
      return 2;
    }
    TopicCatalog catalog = topics.catalog();
    return ServiceRunner.run(
        "agent",
        () -> {
          SideAgent agent =
              new SideAgent(name, topics.kafka(), catalog, opener, Clock.systemUTC(), err);
          ServiceHost host =
              WorkerService.start(
                  "agent",
                  agent,
                  "answers",
                  agent::answered,
                  topics.kafka(),
                  catalog.drillAnswers().name(),
                  topics.registryUrl(),
                  http.host(),
                  http.port());
          err.println(
              "dualrun agent "
                  + name
                  + " ("
                  + side
                  + "): answering drill-down requests on "
                  + catalog.drillRequests().name()
                  + " at "
                  + topics.bootstrapServers()
                  + "; /health, /ready, /metrics on port "
                  + host.port());
          return host;
        });
  }

  /** Checks the options and makes what opens the side for each drill-down. */
  public SideAgent.Opener opener() {
    boolean candidate =
        switch (side.toLowerCase(Locale.ROOT)) {
          case "baseline" -> false;
          case "candidate" -> true;
          default ->
              throw new IllegalArgumentException(
                  "--side: '" + side + "' is not baseline or candidate");
        };
    if (name.isBlank()) {
      throw new IllegalArgumentException("--name must not be blank");
    }
    Map<String, ColumnKind> kinds = new LinkedHashMap<>();
    types.forEach((k, v) -> kinds.put(k.toLowerCase(Locale.ROOT), ColumnKind.parse(v)));
    // checked now, with the placeholders still in
    SideSources.of(
        new SideSources.Options("--", jdbc, table, query, csv, where, user, passwordEnv),
        kinds,
        delimiter,
        fetchSize);
    SideSources.Rules rules = SideSources.Rules.of(inventory, workflow, output, normalise);
    List<String> ignored = new ArrayList<>(ignore);
    ignored.addAll(rules.ignore());
    Set<String> sensitive = new TreeSet<>(mask);
    sensitive.addAll(rules.sensitive());
    byte[] secret = secret(sensitive);
    String which = candidate ? "candidate" : "baseline";
    return first -> {
      String w = first.getWorkflow();
      String p = first.getPartition();
      SideSources.Source source =
          SideSources.of(
              new SideSources.Options(
                  "--",
                  jdbc,
                  table,
                  SideSources.substitute(query, "--query", w, p),
                  csv,
                  SideSources.substitute(where, "--where", w, p),
                  user,
                  passwordEnv),
              kinds,
              delimiter,
              fetchSize);
      Masking masking =
          sensitive.isEmpty()
              ? Masking.NONE
              : Masking.derived(sensitive, secret, first.getDrillId());
      DiffSide opened =
          SideSources.open(
              which,
              source,
              candidate,
              new SideSources.Reading(
                  key, rules.normalise(), ignored, masking, pushdown, err, "dualrun agent"));
      for (String c : masking.columns()) {
        if (!opened.columns().contains(c)) {
          opened.close();
          throw new IllegalArgumentException(
              "--mask / sensitive: no column '" + c + "' (columns: " + opened.columns() + ")");
        }
      }
      return opened;
    };
  }

  private byte[] secret(Set<String> sensitive) {
    if (sensitive.isEmpty()) {
      return new byte[0];
    }
    String value = System.getenv(maskSecretEnv);
    if (value == null || value.length() < 16) {
      throw new IllegalArgumentException(
          "masked columns "
              + sensitive
              + " need a secret of at least 16 characters in "
              + maskSecretEnv
              + ", the same for both sides' agents (--mask-secret-env)");
    }
    return value.getBytes(StandardCharsets.UTF_8);
  }
}
