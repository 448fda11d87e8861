package io.dualrun.hooks.drilldown;

import io.dualrun.hooks.diff.Bisection;
import io.dualrun.hooks.diff.DrillKafka;
import io.dualrun.hooks.host.HttpOptions;
import io.dualrun.hooks.host.WorkerService;
import io.dualrun.schemas.topic.TopicCatalog;
import io.dualrun.service.lifecycle.ServiceHost;
import io.dualrun.service.lifecycle.ServiceRunner;
import java.io.PrintStream;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code dualrun drilldown}: drills into every CONTENT mismatch through the sides' agents and
 * publishes the differing rows on {@code dualrun.diffs.v1} (docs/diff.md, Automatic drill-down).
 */
@Command(
    name = "drilldown",
    mixinStandardHelpOptions = true,
    description =
        "Reads the MISMATCH verdicts and, for each output with a CONTENT finding, finds the"
            + " differing rows through the two sides' agents (dualrun agent) and writes them to"
            + " dualrun.diffs.v1. Runs until stopped.")
public final class DrilldownCommand implements Callable<Integer> {
  @Option(
      names = "--agent-name",
      paramLabel = "TEMPLATE",
      defaultValue = "{side}:{output}",
      description =
          "The agents' names, from {side} (baseline, candidate), {output} and {workflow} (default:"
              + " ${DEFAULT-VALUE}).")
  String agentName;

  @Option(
      names = "--agent-timeout",
      paramLabel = "SECONDS",
      defaultValue = "60",
      description = "How long to wait for an agent's answer (default ${DEFAULT-VALUE}).")
  long agentTimeoutSeconds;

  @Option(
      names = "--buckets",
      defaultValue = "64",
      description = "Buckets each differing bucket splits into (default ${DEFAULT-VALUE}).")
  int buckets;

  @Option(
      names = "--max-rows",
      defaultValue = "4000",
      description = "The most rows read from each side (default ${DEFAULT-VALUE}).")
  long maxRows;

  @Option(
      names = "--max-seconds",
      defaultValue = "300",
      description = "Stop splitting after this long (default ${DEFAULT-VALUE}).")
  long maxSeconds;

  @Option(
      names = "--from",
      paramLabel = "latest|earliest|TIME|AGO",
      defaultValue = "latest",
      description =
          "Where the first start reads the mismatches from (later starts go on where the last"
              + " stopped): latest (default); earliest, every mismatch still on the topic; a time"
              + " (2026-12-01T00:00:00Z); or a time ago (30m, 24h, 7d).")
  String from;

  @Option(
      names = "--output",
      paramLabel = "NAME",
      description =
          "Drill into this output only (repeatable; default every output with a CONTENT"
              + " finding): the outputs that have agents.")
  java.util.List<String> outputs = new java.util.ArrayList<>();

  @Option(
      names = "--group",
      paramLabel = "NAME",
      defaultValue = Coordinator.Settings.GROUP,
      description =
          "Consumer group (default ${DEFAULT-VALUE}): coordinators in one group share the"
              + " verdicts; give each coordinator with its own --output a group of its own.")
  String group;

  @Mixin DrillKafka topics = new DrillKafka();

  @Mixin HttpOptions http = new HttpOptions();

  PrintStream err = System.err;

  /** The settings the options give; fails naming the option. */
  public Coordinator.Settings settings() {
    if (agentTimeoutSeconds < 1) {
      throw new IllegalArgumentException("--agent-timeout must be at least 1 second");
    }
    if (!agentName.contains("{side}")) {
      throw new IllegalArgumentException(
          "--agent-name '" + agentName + "' must contain {side}: both sides' agents share it");
    }
    boolean earliest = from.equals("earliest");
    java.time.Instant fromTime = from.equals("latest") || earliest ? null : time(from);
    return new Coordinator.Settings(
        agentName,
        Duration.ofSeconds(agentTimeoutSeconds),
        new Bisection.Limits(buckets, maxRows, Duration.ofSeconds(maxSeconds)),
        earliest,
        new java.util.LinkedHashSet<>(outputs),
        group,
        fromTime);
  }

  private static final java.util.regex.Pattern AGO =
      java.util.regex.Pattern.compile("([0-9]{1,9})([mhd])");

  /** {@code --from} as a time: an instant, or a time ago ({@code 30m}, {@code 24h}, {@code 7d}). */
  private static java.time.Instant time(String from) {
    var ago = AGO.matcher(from);
    if (ago.matches()) {
      long n = Long.parseLong(ago.group(1));
      Duration d =
          switch (ago.group(2)) {
            case "m" -> Duration.ofMinutes(n);
            case "h" -> Duration.ofHours(n);
            default -> Duration.ofDays(n);
          };
      return java.time.Instant.now().minus(d);
    }
    try {
      return java.time.Instant.parse(from);
    } catch (java.time.format.DateTimeParseException e) {
      throw new IllegalArgumentException(
          "--from: '"
              + from
              + "' is not latest, earliest, a time (2026-12-01T00:00:00Z) or a time ago (30m,"
              + " 24h, 7d)",
          e);
    }
  }

  @Override
  public Integer call() throws InterruptedException {
    Coordinator.Settings settings;
    try {
      settings = settings();
    } catch (IllegalArgumentException e) {
      err.println("dualrun drilldown: " + e.getMessage());
      return 2;
    }
    TopicCatalog catalog = topics.catalog();
    return ServiceRunner.run(
        "drilldown",
        () -> {
          Coordinator coordinator =
              new Coordinator(topics.kafka(), catalog, settings, Clock.systemUTC(), err);
          ServiceHost host =
              WorkerService.start(
                  "drilldown",
                  coordinator,
                  "reports",
                  coordinator::reports,
                  topics.kafka(),
                  catalog.diffs().name(),
                  topics.registryUrl(),
                  http.host(),
                  http.port());
          err.println(
              "dualrun drilldown: drilling into the CONTENT mismatches of "
                  + catalog.mismatches().name()
                  + " at "
                  + topics.bootstrapServers()
                  + "; /health, /ready, /metrics on port "
                  + host.port());
          return host;
        });
  }
}
