package io.dualrun.cli;

import io.dualrun.platform.PlatformException;
import io.dualrun.platform.ShutdownSequence;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code dualrun standalone}: everything on this machine, until Ctrl-C. */
@Command(
    name = "standalone",
    mixinStandardHelpOptions = true,
    versionProvider = Version.class,
    description = {
      "Runs a Kafka broker, a schema registry and the dualrun services on this machine,"
          + " with all data under one directory, until interrupted (Ctrl-C).",
      "A second start on the same data directory continues where the first one stopped."
    })
final class StandaloneCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(
      names = "--data-dir",
      defaultValue = ".dualrun",
      description = "Directory for all data (default: ${DEFAULT-VALUE} in the current directory).")
  Path dataDir;

  @Option(
      names = "--kafka-port",
      defaultValue = "9092",
      description = "Kafka client port on 127.0.0.1 (default: ${DEFAULT-VALUE}).")
  int kafkaPort;

  @Option(
      names = "--controller-port",
      description =
          "KRaft controller port on 127.0.0.1 (default: the Kafka port + the number of brokers).")
  Integer controllerPort;

  @Option(
      names = "--brokers",
      defaultValue = "1",
      paramLabel = "N",
      description =
          "Kafka nodes, 1 to 9 (default: ${DEFAULT-VALUE}); node i listens on the Kafka port + i - 1."
              + " From 3 on, topics are replicated 3 times (min.insync.replicas 2) and any one"
              + " node can be stopped.")
  int brokers;

  @Option(
      names = "--registry-port",
      defaultValue = "8081",
      description = "Schema registry port on 127.0.0.1 (default: ${DEFAULT-VALUE}).")
  int registryPort;

  @Option(
      names = "--http-port",
      defaultValue = "7070",
      description = "HTTP API port (default: ${DEFAULT-VALUE}).")
  int httpPort;

  @Option(
      names = "--config",
      description =
          "Service configuration (YAML: inventory, ingest.*, reconciler.*, alerting.*, …);"
              + " Kafka and registry addresses are filled in by standalone.")
  Path configFile;

  @Option(
      names = "--inventory",
      description = "The workflow inventory (workflows.yaml); overrides 'inventory' of --config.")
  Path inventory;

  @Option(
      names = "--http-host",
      defaultValue = "127.0.0.1",
      description = "Address the HTTP API binds to (default: ${DEFAULT-VALUE}).")
  String httpHost;

  @Option(
      names = "--verbose",
      description =
          "The whole log on standard error too (default: only warnings and errors there; the whole"
              + " log is always in dualrun.log in the data directory).")
  boolean verbose;

  @Override
  public Integer call() throws InterruptedException {
    PrintWriter out = spec.commandLine().getOut();
    StandaloneConfig config;
    try {
      config =
          new StandaloneConfig(
              dataDir,
              kafkaPort,
              controllerPort != null ? controllerPort : kafkaPort == 0 ? 0 : kafkaPort + brokers,
              registryPort,
              httpHost,
              httpPort);
      config = config.withBrokers(brokers);
    } catch (IllegalArgumentException e) {
      spec.commandLine().getErr().println("dualrun standalone: " + e.getMessage());
      return 2;
    }
    Path log = LogSetup.toDataDir(config.dataDir(), verbose);
    out.println("dualrun standalone: starting (data " + config.dataDir() + ", log " + log + ")");
    out.flush();
    Standalone standalone;
    try {
      standalone =
          Standalones.create(config, Settings.read(configFile, inventory))
              .onProgress(
                  line -> {
                    out.println("dualrun standalone: " + line);
                    out.flush();
                  });
    } catch (io.dualrun.config.ConfigException e) {
      spec.commandLine().getErr().println("dualrun standalone: " + e.getMessage());
      return 2;
    }
    CountDownLatch stopped = new CountDownLatch(1);
    ShutdownSequence.Registration onExit =
        ShutdownSequence.register(
            "standalone",
            () -> {
              out.println("dualrun standalone: stopping");
              out.flush();
              standalone.close();
              stopped.countDown();
            });
    try {
      standalone.start();
    } catch (PlatformException e) {
      onExit.close();
      spec.commandLine().getErr().println("dualrun standalone: " + e.summary());
      spec.commandLine().getErr().println(e.getMessage().substring(e.summary().length()).strip());
      return 1;
    } catch (io.dualrun.config.ConfigException | io.dualrun.inventory.InventoryException e) {
      onExit.close();
      spec.commandLine().getErr().println("dualrun standalone: " + e.getMessage());
      return 2;
    }
    out.println(
        (brokers == 1 ? "Kafka broker     " : "Kafka " + brokers + " nodes    ")
            + "listening on "
            + standalone.platform().bootstrapServers());
    out.println("Schema registry  listening on " + standalone.platform().registryUrl());
    out.println(
        "HTTP API         listening on " + standalone.httpUrl() + " (GET /health, /metrics)");
    out.println(
        "  ingest         POST "
            + standalone.httpUrl()
            + "/v1/events, /v1/fingerprints, /api/v1/lineage");
    out.println(
        "  reconciler     GET  "
            + standalone.httpUrl()
            + "/v1/pairs/{workflow}/{partition}, /v1/workflows, /v1/readiness, /v1/waves");
    out.println("  alerting       GET  " + standalone.httpUrl() + "/v1/alerts, /v1/silences");
    out.println("  dashboard      " + standalone.httpUrl() + "/");
    standalone.notices().forEach(out::println);
    out.println("Data             in " + config.dataDir() + "   (Ctrl-C to stop)");
    out.flush();
    stopped.await();
    return 0;
  }
}
