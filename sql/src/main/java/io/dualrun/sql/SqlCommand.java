package io.dualrun.sql;

import io.dualrun.config.client.ClientDefaults;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code dualrun sql "<query>"} and {@code dualrun sql -f file.sql}. */
@Command(
    name = "sql",
    mixinStandardHelpOptions = true,
    description = {
      "Runs Flink SQL over the dualrun topics on an embedded Flink or on a session cluster (--flink);"
          + " batch mode, each topic read from its earliest to its latest offset, unless the script"
          + " sets 'execution.runtime-mode' = 'streaming'.",
      "Tables: run_events, fingerprints, verdicts, mismatches, freshness_breaches, notifications,"
          + " diffs.",
      "Statements in a file are separated by ';'. Exit code 1 on any error."
    })
public final class SqlCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Parameters(index = "0", arity = "0..1", paramLabel = "QUERY", description = "SQL to run.")
  String query;

  @Option(
      names = {"-f", "--file"},
      paramLabel = "FILE",
      description = "Run the statements of FILE ('-': standard input).")
  String file;

  @Option(
      names = "--bootstrap-servers",
      paramLabel = "HOST:PORT[,…]",
      defaultValue = SqlSettings.DEFAULT_BOOTSTRAP_SERVERS,
      description =
          "Kafka bootstrap servers (env DUALRUN_BOOTSTRAP_SERVERS, or kafka.bootstrap-servers in"
              + " the client file; default: ${DEFAULT-VALUE}).")
  String bootstrapServers;

  @Option(
      names = "--registry-url",
      paramLabel = "URL",
      defaultValue = SqlSettings.DEFAULT_REGISTRY_URL,
      description =
          "Confluent-API schema registry (env DUALRUN_REGISTRY_URL, or registry.url in the"
              + " client file; default: ${DEFAULT-VALUE}).")
  String registryUrl;

  @Option(
      names = "--flink",
      paramLabel = "HOST:PORT",
      description =
          "Run on the Flink session cluster whose REST endpoint (JobManager) is HOST:PORT instead"
              + " of an embedded Flink (env DUALRUN_FLINK, or flink.address in the client file)."
              + " An INSERT is submitted and keeps running there.")
  String flink;

  @Option(
      names = "--ship-jars",
      negatable = true,
      defaultValue = "true",
      fallbackValue = "true",
      description =
          "With --flink: ship the Kafka connector, kafka-clients and the format with every job"
              + " (default); --no-ship-jars for a cluster that has them in its lib/, which answers"
              + " faster (env DUALRUN_FLINK_SHIP_JARS, or flink.ship-jars in the client file).")
  boolean shipJars;

  @Option(
      names = "--kafka-property",
      paramLabel = "KEY=VALUE",
      description = "Extra Kafka client property for every table, e.g. security.protocol=SSL.")
  Map<String, String> kafkaProperties = new LinkedHashMap<>();

  @Option(
      names = "--format",
      paramLabel = "table|csv|json",
      defaultValue = "table",
      description = "Output: aligned table, CSV, or JSON Lines (default: ${DEFAULT-VALUE}).")
  String format;

  @Option(
      names = "--parallelism",
      defaultValue = "2",
      description =
          "Parallelism of the jobs (and task slots of the embedded Flink; default:"
              + " ${DEFAULT-VALUE}).")
  int parallelism;

  @Option(
      names = "--time-zone",
      defaultValue = "UTC",
      description = "Session time zone for TIMESTAMP_LTZ values (default: ${DEFAULT-VALUE}).")
  String timeZone;

  @Option(
      names = "--connect-timeout",
      paramLabel = "SECONDS",
      defaultValue = "15",
      description = "How long to wait for Kafka and the registry (default: ${DEFAULT-VALUE}).")
  int connectTimeoutSeconds;

  @Option(
      names = "--progress",
      negatable = true,
      description =
          "Show the elapsed time, the job's state and the rows read so far on stderr while a"
              + " statement runs (default: when stderr is a terminal).")
  Boolean progress;

  @Option(
      names = "--verbose",
      description = "Log what Flink does and print stack traces of errors.")
  boolean verbose;

  /**
   * A command line for this command (the dualrun launcher may mount {@link SqlCommand} instead).
   */
  public static CommandLine commandLine() {
    return commandLine(ClientDefaults.fromEnvironment());
  }

  /**
   * With {@code defaults} for {@code --bootstrap-servers} and {@code --registry-url} (environment,
   * then the client file; see docs/hooks.md).
   */
  public static CommandLine commandLine(CommandLine.IDefaultValueProvider defaults) {
    return new CommandLine(new SqlCommand()).setDefaultValueProvider(defaults);
  }

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    Logging.configure(verbose);
    SqlSettings settings = null;
    try {
      String script = script();
      settings = settings();
      OutputFormat output = outputFormat();
      if (!settings.sessionCluster()) {
        // with --flink the cluster reaches Kafka and the registry, maybe on another network
        Preflight.check(settings);
      }
      try (SqlRunner runner = SqlRunner.start(settings)) {
        if (progress != null ? progress : TerminalProgress.stderrIsTerminal()) {
          runner.progress(new TerminalProgress(err, runner.flink().restUrl()));
        }
        runner.run(script, output, out);
      }
      return 0;
    } catch (RuntimeException e) {
      out.flush();
      err.println("dualrun sql: " + ErrorMessages.describe(e, settings));
      if (verbose) {
        e.printStackTrace(err);
      }
      err.flush();
      return 1;
    }
  }

  String script() {
    if ((query == null) == (file == null)) {
      throw new SqlScriptException("give either a QUERY or -f FILE (exactly one of them)");
    }
    if (query != null) {
      return query;
    }
    try {
      if (file.equals("-")) {
        return new String(System.in.readAllBytes(), StandardCharsets.UTF_8);
      }
      return Files.readString(Path.of(file), StandardCharsets.UTF_8);
    } catch (NoSuchFileException e) {
      throw new SqlScriptException("-f " + file + ": no such file");
    } catch (IOException e) {
      throw new SqlScriptException("-f " + file + ": cannot read it: " + e.getMessage(), e);
    }
  }

  SqlSettings settings() {
    ZoneId zone;
    try {
      zone = ZoneId.of(timeZone);
    } catch (DateTimeException e) {
      throw new SqlScriptException("--time-zone '" + timeZone + "' is not a time zone id");
    }
    if (connectTimeoutSeconds < 1) {
      throw new SqlScriptException(
          "--connect-timeout must be at least 1 second, got " + connectTimeoutSeconds);
    }
    return new SqlSettings(
        bootstrapServers,
        registryUrl,
        kafkaProperties,
        parallelism,
        zone,
        Duration.ofSeconds(connectTimeoutSeconds),
        SqlSettings.defaultTmpRoot(),
        flink,
        shipJars);
  }

  OutputFormat outputFormat() {
    try {
      return OutputFormat.valueOf(format.strip().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new SqlScriptException("--format '" + format + "' is not one of table, csv, json");
    }
  }
}
