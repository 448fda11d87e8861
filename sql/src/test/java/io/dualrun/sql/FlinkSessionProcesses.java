package io.dualrun.sql;

import io.dualrun.platform.ChildJvm;
import io.dualrun.platform.Ports;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A Flink session cluster as two JVMs started from Flink's Maven artifacts on this JVM's class
 * path: a JobManager ({@code StandaloneSessionClusterEntrypoint}) and a TaskManager ({@code
 * TaskManagerRunner}) with {@link #SLOTS} slots, sharing a generated configuration directory, on
 * free ports of 127.0.0.1. Like a Flink distribution, their class path has neither the Kafka
 * connector nor kafka-clients nor the avro-confluent format: jobs bring those ({@link
 * ShippedJars}).
 */
final class FlinkSessionProcesses implements AutoCloseable {
  /** Class path entries a stock Flink distribution does not have. */
  private static final List<String> NOT_IN_A_DISTRIBUTION =
      List.of(
          "flink-connector-kafka",
          "kafka-clients",
          "dualrun-sql",
          "dualrun-registry-client",
          "flink-sql-avro-confluent-registry",
          File.separator + "classes",
          File.separator + "test-classes");

  /** Enough for the continuous parity job (2) and a query at parallelism 2 beside it. */
  static final int SLOTS = 4;

  /** What a cluster prepared for {@code --no-ship-jars} has in its lib/ beyond a distribution. */
  private static final List<String> BUILD_OUTPUT = List.of(File.separator + "test-classes");

  private final Path dir;
  private final int restPort;
  private final List<String> excluded;
  private final List<Process> processes = new ArrayList<>();

  private FlinkSessionProcesses(Path dir, int restPort, List<String> excluded) {
    this.dir = dir;
    this.restPort = restPort;
    this.excluded = excluded;
  }

  /** A stock cluster; starts both JVMs (without waiting for them; see {@link #awaitReady}). */
  static FlinkSessionProcesses start(Path dir) {
    return start(dir, NOT_IN_A_DISTRIBUTION);
  }

  /**
   * A cluster with the Kafka connector, kafka-clients and the format on its class path, as
   * docs/sql.md tells to prepare one for {@code --no-ship-jars}.
   */
  static FlinkSessionProcesses startWithTheJarsInLib(Path dir) {
    return start(dir, BUILD_OUTPUT);
  }

  private static FlinkSessionProcesses start(Path dir, List<String> excluded) {
    int restPort = Ports.free();
    FlinkSessionProcesses cluster = new FlinkSessionProcesses(dir, restPort, excluded);
    try {
      cluster.writeConfig(Ports.free());
      cluster.processes.add(
          cluster.jvm(
              "org.apache.flink.runtime.entrypoint.StandaloneSessionClusterEntrypoint",
              "jobmanager",
              "448m"));
      cluster.processes.add(
          cluster.jvm(
              "org.apache.flink.runtime.taskexecutor.TaskManagerRunner", "taskmanager", "448m"));
      return cluster;
    } catch (RuntimeException e) {
      cluster.close();
      throw e;
    }
  }

  /** {@code host:port} of the JobManager's REST endpoint, as {@code --flink} takes it. */
  String address() {
    return "127.0.0.1:" + restPort;
  }

  /** Waits until the JobManager answers and the TaskManager has registered its slots. */
  void awaitReady(Duration timeout) throws InterruptedException {
    HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    long deadline = System.nanoTime() + timeout.toNanos();
    String last = "(no answer)";
    while (System.nanoTime() < deadline) {
      for (Process p : processes) {
        if (!p.isAlive()) {
          throw new IllegalStateException(
              "a Flink JVM exited with " + p.exitValue() + "; logs:\n" + logs());
        }
      }
      try {
        last =
            client
                .send(
                    HttpRequest.newBuilder(URI.create("http://" + address() + "/overview"))
                        .timeout(Duration.ofSeconds(2))
                        .build(),
                    HttpResponse.BodyHandlers.ofString())
                .body();
        if (last.contains("\"slots-available\":" + SLOTS)) {
          return;
        }
      } catch (IOException e) {
        last = e.toString();
      }
      Thread.sleep(250);
    }
    throw new IllegalStateException(
        "the session cluster was not ready within "
            + timeout
            + " ("
            + last
            + "); logs:\n"
            + logs());
  }

  String logs() {
    StringBuilder out = new StringBuilder();
    for (String name : List.of("jobmanager", "taskmanager")) {
      Path log = dir.resolve(name + ".log");
      try {
        List<String> lines = Files.exists(log) ? Files.readAllLines(log) : List.of();
        out.append("--- ").append(name).append('\n');
        lines
            .subList(Math.max(0, lines.size() - 40), lines.size())
            .forEach(l -> out.append(l).append('\n'));
      } catch (IOException e) {
        out.append(e).append('\n');
      }
    }
    return out.toString();
  }

  private void writeConfig(int rpcPort) {
    List<String> config =
        List.of(
            "jobmanager.rpc.address: 127.0.0.1",
            "jobmanager.rpc.port: " + rpcPort,
            "jobmanager.bind-host: 127.0.0.1",
            "jobmanager.memory.process.size: 640m",
            "rest.address: 127.0.0.1",
            "rest.bind-address: 127.0.0.1",
            "rest.port: " + restPort,
            "taskmanager.host: 127.0.0.1",
            "taskmanager.bind-host: 127.0.0.1",
            "taskmanager.numberOfTaskSlots: " + SLOTS,
            "taskmanager.cpu.cores: 4",
            "taskmanager.memory.framework.heap.size: 64m",
            "taskmanager.memory.task.heap.size: 256m",
            "taskmanager.memory.managed.size: 128m",
            "taskmanager.memory.framework.off-heap.size: 64m",
            "taskmanager.memory.task.off-heap.size: 0m",
            "taskmanager.memory.network.min: 32m",
            "taskmanager.memory.network.max: 32m",
            "taskmanager.memory.jvm-metaspace.size: 192m",
            "taskmanager.memory.jvm-overhead.min: 128m",
            "taskmanager.memory.jvm-overhead.max: 128m",
            "parallelism.default: 1",
            "restart-strategy.type: none",
            "classloader.check-leaked-classloader: false",
            "io.tmp.dirs: " + dir.resolve("tmp"),
            "web.tmpdir: " + dir.resolve("web"));
    String logback =
        "<configuration><appender name=\"F\" class=\"ch.qos.logback.core.FileAppender\">"
            + "<file>${log.file}</file><encoder><pattern>%d{HH:mm:ss.SSS} %-5level %logger{36} -"
            + " %msg%n</pattern></encoder></appender><root level=\"WARN\"><appender-ref"
            + " ref=\"F\"/></root></configuration>";
    try {
      Files.createDirectories(dir.resolve("conf"));
      Files.createDirectories(dir.resolve("tmp"));
      Files.write(dir.resolve("conf").resolve("config.yaml"), config);
      Files.writeString(dir.resolve("conf").resolve("logback.xml"), logback);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private Process jvm(String mainClass, String name, String heap) {
    List<String> classPath =
        ChildJvm.classPath().stream()
            .filter(entry -> excluded.stream().noneMatch(entry::contains))
            .toList();
    List<String> command =
        List.of(
            Path.of(System.getProperty("java.home"), "bin", "java").toString(),
            "-Xmx" + heap,
            "-XX:+UseSerialGC",
            "-XX:TieredStopAtLevel=1",
            "-Dlog.file=" + dir.resolve(name + ".log"),
            "-Dlogback.configurationFile=" + dir.resolve("conf").resolve("logback.xml"),
            "-cp",
            String.join(File.pathSeparator, classPath),
            mainClass,
            "--configDir",
            dir.resolve("conf").toString());
    try {
      return new ProcessBuilder(command)
          .redirectErrorStream(true)
          .redirectOutput(ProcessBuilder.Redirect.appendTo(dir.resolve(name + ".out").toFile()))
          .start();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start the " + name + " JVM", e);
    }
  }

  /** Stops both JVMs (SIGTERM, then -9 after 15 s). */
  @Override
  public void close() {
    for (Process p : processes) {
      p.destroy();
    }
    for (Process p : processes) {
      try {
        if (!p.waitFor(15, TimeUnit.SECONDS)) {
          p.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
      } catch (InterruptedException e) {
        p.destroyForcibly();
        Thread.currentThread().interrupt();
      }
    }
  }
}
