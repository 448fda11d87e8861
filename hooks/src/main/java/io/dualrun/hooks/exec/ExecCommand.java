package io.dualrun.hooks.exec;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dualrun.config.units.Durations;
import io.dualrun.hooks.options.IngestOptions;
import io.dualrun.schemas.avro.RunEvent;
import io.dualrun.schemas.avro.RunStatus;
import io.dualrun.schemas.avro.Side;
import io.dualrun.schemas.json.AvroJson;
import io.dualrun.schemas.json.FieldError;
import io.dualrun.schemas.json.RecordRules;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code dualrun exec … -- CMD ARGS…}: wraps a cron job. Sends STARTED, runs the command with this
 * process's standard streams, sends SUCCEEDED or FAILED with the exit code, and exits with the
 * command's exit code. Events that cannot be delivered are spooled and delivered first next time.
 */
@Command(
    name = "exec",
    description = "Runs a command and reports its start and end to dualrun ingest.")
public final class ExecCommand implements Callable<Integer> {
  static final int USAGE = 2;
  static final int CANNOT_START = 127;

  @Option(names = "--workflow", required = true, description = "Workflow id.")
  String workflow;

  @Option(names = "--partition", required = true, description = "Partition, e.g. 2026-11-20.")
  String partition;

  @Option(names = "--side", required = true, description = "baseline or candidate.")
  String side;

  @Option(
      names = "--orchestrator",
      defaultValue = "cron",
      description = "Default: ${DEFAULT-VALUE}.")
  String orchestrator;

  @Option(names = "--run-id", description = "Run id (default: a new UUID).")
  String runId;

  @Option(names = "--attempt", defaultValue = "1", description = "Attempt, 1 or more.")
  int attempt;

  @Option(
      names = "--fingerprint",
      paramLabel = "OUTPUT",
      description =
          "An output the job fingerprints (dualrun fingerprint --send --output OUTPUT): announced"
              + " with the run, so its pair waits for that fingerprint. Repeatable.")
  List<String> fingerprints = new ArrayList<>();

  @Option(
      names = "--reads",
      paramLabel = "DATASET",
      description =
          "A dataset the job reads: with the outputs it writes, it places the workflow in the"
              + " cutover waves. Repeatable.")
  List<String> reads = new ArrayList<>();

  @Option(
      names = "--version",
      paramLabel = "VERSION",
      description =
          "The job's version (a release, a commit): a waiver recorded for one version does not"
              + " cover a run of another. (dualrun's own version: dualrun --version.)")
  String jobVersion;

  @Option(
      names = {"-h", "--help"},
      usageHelp = true,
      description = "Show this help message and exit.")
  boolean help;

  @Mixin IngestOptions ingest = new IngestOptions();

  @Option(
      names = "--spool",
      defaultValue = "${env:DUALRUN_SPOOL:-${sys:user.home}/.dualrun/spool.jsonl}",
      description = "Spool file (env DUALRUN_SPOOL; default ${DEFAULT-VALUE}).")
  Path spool;

  @Option(names = "--timeout", defaultValue = "10s", description = "HTTP timeout, e.g. 10s.")
  String timeout;

  @Parameters(arity = "1..*", paramLabel = "CMD", description = "The command and its arguments.")
  List<String> command;

  PrintStream err = System.err;

  @Override
  public Integer call() throws IOException, InterruptedException {
    Side parsedSide = parseSide();
    if (parsedSide == null) {
      return USAGE;
    }
    Duration httpTimeout = parseTimeout();
    if (httpTimeout == null) {
      return USAGE;
    }
    String run = runId != null ? runId : UUID.randomUUID().toString();
    RunEvent check = event(parsedSide, run, RunStatus.STARTED, null, Map.of(), Instant.now());
    List<FieldError> errors = RecordRules.check(check);
    if (!errors.isEmpty()) {
      errors.forEach(e -> err.println("dualrun exec: " + e));
      return USAGE;
    }
    Outbox outbox =
        new Outbox(
            new IngestClient(ingest.url(), ingest.token(), httpTimeout), new Spool(spool), err);
    // the events carry the command's own start and end: what the wrapper itself spends (sending
    // to ingest, spooling) never counts in the run's duration
    Run ran =
        runCommand(
            run,
            startedAt ->
                outbox.send(
                    List.of(
                        json(
                            event(
                                parsedSide, run, RunStatus.STARTED, null, Map.of(), startedAt)))));
    outbox.send(List.of(json(finished(parsedSide, run, ran.exit(), ran.endedAt()))));
    return ran.exit();
  }

  /** How the command ran: its exit code and when it ended. */
  private record Run(int exit, Instant endedAt) {}

  /** Told the command's start time once it runs (or failed to start). */
  private interface OnStart {
    void started(Instant at) throws IOException, InterruptedException;
  }

  private RunEvent finished(Side s, String run, int exit, Instant at) {
    Map<String, String> attributes = new LinkedHashMap<>();
    attributes.put("exitCode", Integer.toString(exit));
    attributes.put("command", String.join(" ", command));
    if (exit == 0) {
      return event(s, run, RunStatus.SUCCEEDED, null, attributes, at);
    }
    String error =
        exit == CANNOT_START
            ? "the command could not be started (exit code 127)"
            : "the command exited with code " + exit;
    return event(s, run, RunStatus.FAILED, error, attributes, at);
  }

  /**
   * The run's identity, for the wrapped command and what it starts (e.g. {@code dualrun fingerprint
   * --send}, which reads the same variables).
   */
  Map<String, String> runEnvironment(String run) {
    Map<String, String> env = new java.util.LinkedHashMap<>();
    env.put("DUALRUN_WORKFLOW", workflow);
    env.put("DUALRUN_PARTITION", partition);
    env.put("DUALRUN_SIDE", side.toLowerCase(Locale.ROOT));
    env.put("DUALRUN_RUN_ID", run);
    env.put("DUALRUN_ATTEMPT", Integer.toString(attempt));
    env.put("DUALRUN_URL", ingest.url().toString());
    return env;
  }

  private Run runCommand(String run, OnStart onStart) throws IOException, InterruptedException {
    ProcessBuilder builder = new ProcessBuilder(command).inheritIO();
    builder.environment().putAll(runEnvironment(run));
    Instant startedAt = Instant.now();
    Process process;
    try {
      process = builder.start();
    } catch (IOException e) {
      onStart.started(startedAt);
      err.println("dualrun exec: cannot start " + command.get(0) + ": " + e.getMessage());
      return new Run(CANNOT_START, Instant.now());
    }
    onStart.started(startedAt);
    int exit = process.waitFor();
    return new Run(exit, Instant.now());
  }

  private RunEvent event(
      Side s,
      String run,
      RunStatus status,
      String error,
      Map<String, String> attributes,
      Instant at) {
    return RunEvent.newBuilder()
        .setEventId(UUID.randomUUID().toString())
        .setWorkflow(workflow)
        .setPartition(partition)
        .setSide(s)
        .setOrchestrator(orchestrator)
        .setRunId(run)
        .setAttempt(attempt)
        .setStatus(status)
        .setEventTime(at)
        .setError(error)
        .setAttributes(attributes)
        .setExpectedOutputs(List.copyOf(fingerprints))
        .setInputs(List.copyOf(reads))
        .setJobVersion(jobVersion)
        .build();
  }

  private static ObjectNode json(RunEvent e) {
    return AvroJson.write(e);
  }

  private Side parseSide() {
    try {
      return Side.valueOf(side.toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      err.println("dualrun exec: --side: '" + side + "' is not baseline or candidate");
      return null;
    }
  }

  private Duration parseTimeout() {
    Duration d = Durations.parse(timeout).orElse(null);
    if (d == null || d.isNegative() || d.isZero()) {
      err.println(
          "dualrun exec: --timeout: '"
              + timeout
              + "' is not a positive duration ("
              + Durations.EXAMPLES
              + ")");
      return null;
    }
    return d;
  }
}
