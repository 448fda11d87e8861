package io.dualrun.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dualrun.alerting.AlertingConfig;
import io.dualrun.alerting.model.AlertEvent;
import io.dualrun.cli.demo.AlertLog;
import io.dualrun.cli.demo.DemoDrillDown;
import io.dualrun.cli.demo.DemoLoader;
import io.dualrun.cli.demo.DemoReport;
import io.dualrun.cli.demo.DemoResults;
import io.dualrun.cli.demo.DemoTable;
import io.dualrun.cli.demo.SampleMigration;
import io.dualrun.cli.demo.WebhookSink;
import io.dualrun.config.ConfigMap;
import io.dualrun.platform.LocalPlatform;
import io.dualrun.platform.PlatformException;
import io.dualrun.platform.Ports;
import io.dualrun.schemas.avro.OutputFingerprint;
import io.dualrun.schemas.avro.RunEvent;
import io.dualrun.schemas.topic.TopicSettings;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.apache.avro.specific.SpecificRecord;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code dualrun demo}: standalone on free ports, the recorded sample migration replayed through
 * it, and a summary of verdicts, breaches, readiness and alerts.
 */
@Command(
    name = "demo",
    mixinStandardHelpOptions = true,
    versionProvider = Version.class,
    description = {
      "Starts everything on this machine (free ports, a fresh data directory), replays a recorded"
          + " month of a cron -> Airflow migration (a dozen workflows) and prints the verdicts,"
          + " freshness breaches, cutover readiness and alerts. Exits 0 when done.",
      "The reconciler runs in replay mode: deadlines are judged on event time, so the output is"
          + " the same every time."
    })
final class DemoCommand implements Callable<Integer> {
  private static final ObjectMapper JSON = new ObjectMapper();

  @Spec CommandSpec spec;

  @Option(
      names = "--data-dir",
      description =
          "Directory for the demo's data and log (default: a new directory under"
              + " $XDG_CACHE_HOME/dualrun or ~/.cache/dualrun, removed at the end when the demo"
              + " succeeds).")
  Path dataDir;

  @Option(
      names = "--verbose",
      description =
          "The whole log on standard error too (default: only warnings and errors there; the whole"
              + " log is in dualrun.log in the data directory).")
  boolean verbose;

  @Option(
      names = "--keep-running",
      description = "Keep everything running after the summary (open the dashboard), until Ctrl-C.")
  boolean keepRunning;

  @Option(
      names = "--http-port",
      defaultValue = "0",
      description = "HTTP port of the API and dashboard (default: a free port).")
  int httpPort;

  @Option(
      names = "--timeout",
      defaultValue = "5m",
      converter = DurationConverter.class,
      description =
          "How long to wait for every pair's verdict (e.g. 90s, 5m; default ${DEFAULT-VALUE}).")
  Duration timeout;

  @Override
  public Integer call() throws Exception {
    PrintWriter out = spec.commandLine().getOut();
    boolean temporary = dataDir == null;
    Path dir = temporary ? Files.createTempDirectory(cacheDir(), "demo-") : dataDir;
    Files.createDirectories(dir);
    Path log = LogSetup.toDataDir(dir, verbose);
    boolean succeeded = false;
    Path inventory = dir.resolve("workflows.yaml");
    try (InputStream in = DemoCommand.class.getResourceAsStream("/demo/workflows.yaml")) {
      Files.copy(in, inventory, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    }
    List<SpecificRecord> records = SampleMigration.records();
    Set<String> pairs = pairs(records);
    // stdout carries the summary alone (the same every run); what this run is doing, with its
    // paths and port, goes to stderr
    PrintWriter progress = spec.commandLine().getErr();
    progress.printf(
        "dualrun demo: %d recorded records, %d pairs (%s .. %s), data in %s%s, log in %s%n",
        records.size(),
        pairs.size(),
        SampleMigration.FIRST,
        SampleMigration.LAST,
        dir,
        temporary && !keepRunning ? " (removed at the end when all goes well)" : "",
        log);
    progress.flush();
    try (WebhookSink sink = WebhookSink.start();
        Standalone standalone = start(dir, settings(inventory, sink))) {
      LocalPlatform platform = standalone.platform();
      progress.println("dualrun demo: running; API and dashboard on " + standalone.httpUrl());
      progress.flush();
      // the waiver is known to the reconciler before the first pair is decided
      DemoLoader.waive(platform.kafkaConfig(), platform.catalog(), SampleMigration.waiver());
      awaitWaiver(standalone.httpUrl(), SampleMigration.waiver().getId());
      DemoLoader.load(platform.kafkaConfig(), platform.catalog(), records);
      progress.println("dualrun demo: recording written; waiting for the verdicts");
      progress.flush();
      DemoResults results =
          DemoResults.collect(
              platform.kafkaConfig(),
              platform.catalog(),
              pairs,
              Duration.ofSeconds(3),
              timeout,
              () -> {});
      JsonNode drilled;
      try (DemoDrillDown drill =
          DemoDrillDown.start(
              dir.resolve("agents"),
              platform.kafkaConfig(),
              platform.catalog(),
              dir.resolve("drilldown.log"))) {
        progress.println(
            "dualrun demo: drilling into "
                + DemoTable.WORKFLOW
                + "/"
                + DemoTable.PARTITION
                + " through two side agents (log in "
                + dir.resolve("drilldown.log")
                + ")");
        progress.flush();
        drilled = awaitDrillDown(standalone.httpUrl(), timeout);
      }
      // the report annotates the pair's CONTENT alert: sent again once alerting's input is idle
      sink.awaitNotice(
          n -> n.alertId().equals(DemoTable.WORKFLOW + "/CONTENT") && n.action().equals("UPDATE"),
          Duration.ofSeconds(60));
      // alerting announces what still waits once its input has been idle (IDLE_FLUSH): the demo
      // waits longer than that for the last deliveries
      List<WebhookSink.Notice> received =
          sink.awaitQuiet(IDLE_FLUSH.plusSeconds(4), Duration.ofSeconds(90));
      List<AlertEvent> announced =
          AlertLog.read(
              platform.kafkaConfig(),
              AlertingConfig.from(ConfigMap.of("demo", settings(inventory, sink))).alertsTopic());
      new DemoReport(
              results,
              getJson(standalone.httpUrl(), "/v1/readiness"),
              getJson(standalone.httpUrl(), "/v1/waves"),
              getJson(standalone.httpUrl(), "/v1/waivers"),
              announced,
              received,
              drilled)
          .print(out);
      out.flush();
      if (keepRunning) {
        progress.println(
            "dualrun demo: still running; dashboard on "
                + standalone.httpUrl()
                + "/ (Ctrl-C to stop)");
        progress.flush();
        new CountDownLatch(1).await();
      }
      succeeded = true;
      return 0;
    } catch (PlatformException e) {
      spec.commandLine().getErr().println("dualrun demo: " + e.summary());
      return 1;
    } finally {
      if (temporary && !keepRunning && succeeded) {
        deleteTree(dir);
      } else if (temporary && !keepRunning) {
        spec.commandLine().getErr().println("dualrun demo: kept " + dir + " (log: " + log + ")");
      }
    }
  }

  /**
   * Where the demo's temporary directories go: not under the OS temporary directory, which the OS
   * may clear while Kafka Streams keeps its state there.
   */
  private static Path cacheDir() throws java.io.IOException {
    String xdg = System.getenv("XDG_CACHE_HOME");
    Path base =
        xdg != null && !xdg.isBlank()
            ? Path.of(xdg)
            : Path.of(System.getProperty("user.home"), ".cache");
    return Files.createDirectories(base.resolve("dualrun"));
  }

  /** Removes the demo's temporary directory; what cannot be removed is left and said. */
  private void deleteTree(Path dir) {
    try (var walk = Files.walk(dir)) {
      walk.sorted(java.util.Comparator.reverseOrder())
          .forEach(
              p -> {
                try {
                  Files.deleteIfExists(p);
                } catch (java.io.IOException e) {
                  // reported below if the directory is still there
                }
              });
    } catch (java.io.IOException | java.io.UncheckedIOException e) {
      // reported below
    }
    if (Files.exists(dir)) {
      spec.commandLine().getErr().println("dualrun demo: could not remove all of " + dir);
    }
  }

  /** How long alerting waits without a signal before it announces what still waits. */
  private static final Duration IDLE_FLUSH = Duration.ofSeconds(5);

  /** The demo's settings of every service. */
  private static Map<String, Object> settings(Path inventory, WebhookSink sink) {
    Map<String, Object> settings = new HashMap<>();
    settings.put("inventory", inventory.toString());
    settings.put("reconciler.mode", "replay");
    // alerting follows the verdicts' own time, like the replaying reconciler: the same recording
    // gives the same notifications every run; a change waits an hour of that time for more
    settings.put("alerting.clock", "record");
    settings.put("alerting.group-wait", "1h");
    settings.put("alerting.idle-flush", IDLE_FLUSH.toMillis() + "ms");
    settings.put(
        "receivers", List.of(Map.of("name", "demo-webhook", "type", "webhook", "url", sink.url())));
    settings.put("routes", Map.of("default", List.of("demo-webhook")));
    return settings;
  }

  private Standalone start(Path dir, Map<String, Object> settings) {
    StandaloneConfig config =
        new StandaloneConfig(dir.resolve("data"), 0, 0, 0, Ports.LOOPBACK, httpPort)
            // one partition per topic: one stream time, so the recording's last records close
            // every deadline before them
            .withTopics(new TopicSettings(1, (short) 1));
    return Standalones.create(config, ConfigMap.of("demo", settings)).start();
  }

  private static Set<String> pairs(List<SpecificRecord> records) {
    Set<String> pairs = new TreeSet<>();
    for (SpecificRecord r : records) {
      if (r instanceof RunEvent e) {
        pairs.add(e.getWorkflow() + "/" + e.getPartition());
      } else if (r instanceof OutputFingerprint f) {
        pairs.add(f.getWorkflow() + "/" + f.getPartition());
      }
    }
    return pairs;
  }

  /** Waits until the reconciler answers the waiver {@code id} (its copy of the topic has it). */
  private static void awaitWaiver(String baseUrl, String id)
      throws IOException, InterruptedException {
    long until = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    while (true) {
      HttpResponse<String> response =
          HttpClient.newHttpClient()
              .send(
                  HttpRequest.newBuilder(URI.create(baseUrl + "/v1/waivers/" + id)).GET().build(),
                  HttpResponse.BodyHandlers.ofString());
      if (response.statusCode() == 200) {
        return;
      }
      if (System.nanoTime() > until) {
        throw new IOException(
            "the reconciler did not show waiver " + id + " within 60 s: " + response.body());
      }
      Thread.sleep(100);
    }
  }

  /** The drilled pair's REST answer once its drill-down has ended (no longer PENDING). */
  private static JsonNode awaitDrillDown(String baseUrl, Duration timeout)
      throws IOException, InterruptedException {
    String path = "/v1/pairs/" + DemoTable.WORKFLOW + "/" + DemoTable.PARTITION;
    long until = System.nanoTime() + timeout.toNanos();
    while (true) {
      JsonNode pair = getJson(baseUrl, path);
      JsonNode reports = pair.path("drillDowns");
      if (reports.size() > 0 && !reports.get(0).path("status").asText().equals("PENDING")) {
        return pair;
      }
      if (System.nanoTime() > until) {
        throw new IOException(
            "the drill-down of " + path + " did not end within " + timeout + ": " + reports);
      }
      Thread.sleep(200);
    }
  }

  /**
   * The answer to {@code GET path}; a 503 (state moving: retry shortly) is asked again for 30 s.
   */
  private static JsonNode getJson(String baseUrl, String path)
      throws IOException, InterruptedException {
    HttpClient http = HttpClient.newHttpClient();
    HttpRequest request = HttpRequest.newBuilder(URI.create(baseUrl + path)).GET().build();
    long until = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
    while (response.statusCode() == 503 && System.nanoTime() < until) {
      Thread.sleep(500);
      response = http.send(request, HttpResponse.BodyHandlers.ofString());
    }
    if (response.statusCode() != 200) {
      throw new IOException(
          "GET " + path + " answered " + response.statusCode() + ": " + response.body());
    }
    return JSON.readTree(response.body());
  }
}
