package io.dualrun.containers;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.command.InspectContainerResponse;
import com.github.dockerjava.api.model.Container;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.testcontainers.DockerClientFactory;

/**
 * docker/compose.yaml driven as a user drives it: {@code docker compose} (or docker-compose 1.29
 * where the plugin is missing) with {@code -f docker/compose.yaml}, under a project name of its
 * own; the containers are then read and handled through Testcontainers' Docker client.
 */
final class Compose implements AutoCloseable {
  static final String FILE = "docker/compose.yaml";
  private static final String PROJECT_LABEL = "com.docker.compose.project";
  private static final String SERVICE_LABEL = "com.docker.compose.service";

  private final Path repository;
  private final String project;
  private final Map<String, String> environment;
  private final List<String> command;
  private final DockerClient docker;

  Compose(Path repository, String project, Map<String, String> environment) {
    this.repository = repository;
    this.project = project;
    this.environment = Map.copyOf(environment);
    this.command = composeCommand();
    this.docker = DockerClientFactory.instance().client();
  }

  /** {@code docker compose}, or {@code docker-compose} where the plugin is not installed. */
  private static List<String> composeCommand() {
    if (Processes.succeeds(List.of("docker", "compose", "version"))) {
      return List.of("docker", "compose");
    }
    if (Processes.succeeds(List.of("docker-compose", "version"))) {
      return List.of("docker-compose");
    }
    throw new IllegalStateException(
        "neither 'docker compose' nor docker-compose is installed (apt-get install docker-compose)");
  }

  String commandName() {
    return String.join(" ", command);
  }

  /**
   * Runs {@code docker compose -p PROJECT -f docker/compose.yaml ARGS…}; fails on a non-zero exit.
   */
  String run(Duration timeout, String... args) {
    List<String> line = new ArrayList<>(command);
    line.addAll(List.of("-p", project, "-f", FILE));
    line.addAll(List.of(args));
    return Processes.run(line, repository, environment, timeout);
  }

  /** The project's containers by service name. */
  Map<String, Container> containers() {
    Map<String, Container> byService = new TreeMap<>();
    for (Container c :
        docker
            .listContainersCmd()
            .withShowAll(true)
            .withLabelFilter(Map.of(PROJECT_LABEL, project))
            .exec()) {
      byService.put(c.getLabels().get(SERVICE_LABEL), c);
    }
    return byService;
  }

  String containerId(String service) {
    Container c = containers().get(service);
    if (c == null) {
      throw new IllegalStateException("compose project " + project + " has no service " + service);
    }
    return c.getId();
  }

  /** The health of each service's container as its image's health check says (healthy, …). */
  Map<String, String> health() {
    Map<String, String> states = new TreeMap<>();
    containers()
        .forEach(
            (service, c) -> {
              InspectContainerResponse.ContainerState state =
                  docker.inspectContainerCmd(c.getId()).exec().getState();
              String health =
                  state.getHealth() == null ? "no health check" : state.getHealth().getStatus();
              states.put(service, Boolean.TRUE.equals(state.getRunning()) ? health : "stopped");
            });
    return states;
  }

  /** Waits until every service's container is healthy; fails naming those that are not. */
  void awaitHealthy(int services, Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    Map<String, String> states = health();
    while (states.size() < services || !states.values().stream().allMatch("healthy"::equals)) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError(
            "not every service of " + FILE + " became healthy within " + timeout + ": " + states);
      }
      if (states.containsValue("unhealthy") || states.containsValue("stopped")) {
        throw new AssertionError("a service stopped or is unhealthy: " + states);
      }
      Thread.sleep(2000);
      states = health();
    }
  }

  /** Waits until {@code service}'s container reports {@code status} (healthy, unhealthy, …). */
  void awaitHealth(String service, String status, Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    String now = health().get(service);
    while (!status.equals(now)) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError(service + " is " + now + ", not " + status + ", after " + timeout);
      }
      Thread.sleep(1000);
      now = health().get(service);
    }
  }

  void stop(String service, Duration grace) {
    docker.stopContainerCmd(containerId(service)).withTimeout((int) grace.toSeconds()).exec();
  }

  void start(String service) {
    docker.startContainerCmd(containerId(service)).exec();
  }

  /** Runs {@code cmd} inside {@code service}'s container; its exit code. */
  long exec(String service, String... cmd) throws InterruptedException {
    String exec =
        docker
            .execCreateCmd(containerId(service))
            .withCmd(cmd)
            .withAttachStdout(true)
            .withAttachStderr(true)
            .exec()
            .getId();
    docker
        .execStartCmd(exec)
        .exec(new com.github.dockerjava.api.async.ResultCallback.Adapter<>())
        .awaitCompletion(60, TimeUnit.SECONDS);
    Long code = docker.inspectExecCmd(exec).exec().getExitCodeLong();
    return code == null ? -1 : code;
  }

  /** Every service's log into {@code dir}/SERVICE.log, for the reader of a failed run. */
  void saveLogs(Path dir) throws IOException {
    Files.createDirectories(dir);
    for (String service : containers().keySet()) {
      String log;
      try {
        log = run(Duration.ofMinutes(1), "logs", "--no-color", "--timestamps", service);
      } catch (RuntimeException e) {
        log = "could not read the log: " + e.getMessage();
      }
      Files.writeString(dir.resolve(service + ".log"), log, StandardCharsets.UTF_8);
    }
  }

  /** Stops and removes the project's containers, network and volumes. */
  @Override
  public void close() {
    run(Duration.ofMinutes(3), "down", "-v", "--remove-orphans", "--timeout", "5");
  }
}
