package io.dualrun.loadtest.run;

import io.dualrun.loadtest.oracle.AlertReceiver;
import io.dualrun.platform.LocalPlatform;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** The YAML configuration of each service, as an operator would write it. */
final class ConfigFiles {
  static final String TOKEN = "load-tests-token-0123456789";

  private ConfigFiles() {}

  private static String common(LocalPlatform p, PipelineOptions o) {
    return "kafka:\n  bootstrap-servers: "
        + p.bootstrapServers()
        + "\nregistry:\n  url: "
        + p.registryUrl()
        + "\ntopics:\n  partitions: "
        + o.topicPartitions()
        + "\ninventory: "
        + o.inventory().toAbsolutePath()
        + "\n";
  }

  static Path ingest(LocalPlatform p, PipelineOptions o) {
    return write(
        o.workDir().resolve("ingest.yaml"),
        common(p, o)
            + "ingest:\n  host: 127.0.0.1\n  port: 0\n  auth:\n    tokens:\n"
            + "      - {source: load-tests, token: "
            + TOKEN
            + "}\n");
  }

  static Path reconciler(LocalPlatform p, PipelineOptions o, String instance) {
    return reconciler(p, o, instance, 0);
  }

  /** {@code httpPort} 0: any free port. */
  static Path reconciler(LocalPlatform p, PipelineOptions o, String instance, int httpPort) {
    return write(
        o.workDir().resolve("reconciler-" + instance + ".yaml"),
        common(p, o)
            + "reconciler:\n  application-id: "
            + o.idPrefix()
            + "-reconciler\n  state-dir: "
            + o.workDir().resolve("reconciler-state-" + instance)
            + "\n  mode: "
            + (o.replay() ? "replay" : "live")
            + "\n  http: {host: 127.0.0.1, port: "
            + httpPort
            + "}\n  commit-interval: "
            + o.reconcilerCommit().toMillis()
            + "ms\n"
            + "  punctuate-interval: "
            + (o.replay() ? "1s" : "200ms")
            + "\n");
  }

  static Path alerting(LocalPlatform p, PipelineOptions o, String receiverUrl) {
    return alerting(p, o, receiverUrl, "alerting", 0);
  }

  /**
   * The configuration of one alerting instance: {@code name} names its file and state directory;
   * {@code httpPort} 0: any free port.
   */
  static Path alerting(
      LocalPlatform p, PipelineOptions o, String receiverUrl, String name, int httpPort) {
    return write(
        o.workDir().resolve(name + ".yaml"),
        common(p, o)
            + "alerting:\n  application-id: "
            + o.idPrefix()
            + "-alerting\n  state-dir: "
            + o.workDir().resolve(name + "-state")
            + "\n  http-port: "
            + httpPort
            + "\n  group-wait: "
            + o.groupWait().toMillis()
            + "ms\n  tick: 100ms\n  repeat-interval: 4h\n  commit-interval: "
            + o.alertingCommit().toMillis()
            + "ms\n"
            + "  retry: {initial-backoff: 200ms, max-backoff: 2s, deadline: 1h}\n"
            + "receivers:\n  - {name: "
            + AlertReceiver.NAME
            + ", type: webhook, url: \""
            + receiverUrl
            + "\"}\nroutes:\n  default: ["
            + AlertReceiver.NAME
            + "]\n");
  }

  private static Path write(Path file, String yaml) {
    try {
      Files.createDirectories(file.getParent());
      Files.writeString(file, yaml, StandardCharsets.UTF_8);
      return file;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + file + ": " + e.getMessage(), e);
    }
  }
}
