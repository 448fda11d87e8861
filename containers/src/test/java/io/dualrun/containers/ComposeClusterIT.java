package io.dualrun.containers;

import static org.assertj.core.api.Assertions.assertThat;

import io.dualrun.registry.RegistrySettings;
import io.dualrun.registry.SchemaRegistry;
import io.dualrun.schemas.avro.RunEvent;
import io.dualrun.schemas.topic.TopicCatalog;
import io.dualrun.schemas.topic.TopicSettings;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * docker/compose.yaml as shipped, on a Docker engine: the README's example (compose up, then its
 * curl lines) gives a verdict and an alert at the example receiver; every image's health check
 * reports its service healthy, and fails when the service does not answer; a broker stopped and
 * started while a hook posts without pause loses no acknowledged event.
 *
 * <p>The images are built on {@code DUALRUN_BASE_IMAGE} (eclipse-temurin:17-jre unless set; .ci/run
 * sets an image it builds with docker/base/debootstrap.sh). Every service's log is saved under
 * target/compose-logs/ before the containers are removed.
 */
@ExtendWith(DockerEngine.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ComposeClusterIT {
  private static final Path REPOSITORY =
      Path.of(System.getProperty("dualrun.repository", "..")).toAbsolutePath().normalize();
  private static final int SERVICES = 9;
  private static final String INGEST = "http://127.0.0.1:7070";
  private static final String HOST_BROKERS = "127.0.0.1:19092,127.0.0.1:29092,127.0.0.1:39092";
  private static final String REGISTRY = "http://127.0.0.1:8081/apis/ccompat/v7";
  private static final String CRON_TOKEN = "local-trial-cron-token";

  private Compose compose;
  private ReadmeExample readme;

  @BeforeAll
  void up() throws Exception {
    DockerEngine.require();
    readme = ReadmeExample.read(REPOSITORY.resolve("README.md"));
    String base = System.getenv().getOrDefault("DUALRUN_BASE_IMAGE", "eclipse-temurin:17-jre");
    BaseImage.awaitIfBuilding(
        base, System.getenv("DUALRUN_BASE_IMAGE_LOG"), Duration.ofMinutes(10));
    compose =
        new Compose(
            REPOSITORY,
            "dualrun-it",
            Map.of("DUALRUN_BASE_IMAGE", base, "COMPOSE_HTTP_TIMEOUT", "300"));
    compose.run(Duration.ofMinutes(3), "down", "-v", "--remove-orphans", "--timeout", "1");
    long started = System.nanoTime();
    // the README's "docker compose -f docker/compose.yaml up -d --build"; the jars it copies are
    // what this build packaged before this module (the README's ./mvnw -DskipTests package)
    compose.run(Duration.ofMinutes(15), readme.composeArguments().toArray(String[]::new));
    long built = System.nanoTime();
    compose.awaitHealthy(SERVICES, Duration.ofMinutes(6));
    System.out.printf(
        "%s %s: images built and containers created in %d s, all %d healthy %d s later%n",
        compose.commandName(),
        String.join(" ", readme.composeArguments()),
        Duration.ofNanos(built - started).toSeconds(),
        SERVICES,
        Duration.ofNanos(System.nanoTime() - built).toSeconds());
  }

  @AfterAll
  void down() throws Exception {
    if (compose != null) {
      compose.saveLogs(Path.of("target", "compose-logs"));
      compose.close();
    }
  }

  @Test
  @Order(1)
  void everyImagesHealthCheckSaysItsServiceIsHealthyAndFailsWhenItIsNot() throws Exception {
    assertThat(compose.health())
        .as("the health of every service of compose.yaml")
        .hasSize(SERVICES)
        .allSatisfy((service, health) -> assertThat(health).as(service).isEqualTo("healthy"));
    // the same checks fail against a port nothing listens on, so "healthy" is an answer
    assertThat(compose.exec("ingest", "http-check", "7999", "/ready")).isNotZero();
    assertThat(compose.exec("ingest", "http-check", "7070", "/ready")).isZero();
    assertThat(compose.exec("kafka-1", "/opt/kafka/bin/kafka-healthcheck")).isZero();
  }

  @Test
  @Order(2)
  void theReadmesCurlExampleGivesAVerdictAndAnAlertAtTheExampleReceiver() throws Exception {
    String variables = ReadmeExample.withoutComment(readme.one("cron="));
    List<String> curls = readme.starting("curl ");
    List<String> posts = curls.stream().filter(c -> c.contains("--data-binary")).toList();
    assertThat(posts).as("the README posts both sides' runs and fingerprints").hasSize(4);
    for (String post : posts) {
      assertThat(bash(variables + "; " + post)).as(post).contains("\"accepted\":");
    }
    List<String> reads = curls.stream().filter(c -> !c.contains("--data-binary")).toList();
    assertThat(reads).hasSize(2);
    String verdict = await(reads.get(0), "\"outcome\":\"MISMATCH\"", Duration.ofMinutes(2));
    assertThat(verdict).contains("\"kind\":\"ROW_COUNT\"").contains("\"2364000\"");
    String alert = await(reads.get(1), "ROW_COUNT", Duration.ofMinutes(3));
    assertThat(alert)
        .as("Alertmanager's alert from alerting, linking to the pair")
        .contains("\"workflow\":\"customer-dim\"")
        .contains("/pairs/customer-dim/2026-11-12");
  }

  @Test
  @Order(3)
  void aBrokerStoppedAndStartedUnderLoadLosesNoAcknowledgedEvent() throws Exception {
    String tag = "broker-fault-" + Long.toString(System.currentTimeMillis(), 36);
    Instant stopped;
    Instant restarted;
    IngestLoad load = new IngestLoad(INGEST, CRON_TOKEN, tag);
    try {
      Thread.sleep(5_000);
      stopped = Instant.now();
      compose.stop("kafka-2", Duration.ofSeconds(30));
      Thread.sleep(10_000);
      restarted = Instant.now();
      compose.start("kafka-2");
      compose.awaitHealth("kafka-2", "healthy", Duration.ofMinutes(3));
      Thread.sleep(5_000);
    } finally {
      load.close();
    }
    System.out.printf(
        "broker kafka-2 stopped for %d s; ingest answers %s; %d events acknowledged%n",
        Duration.between(stopped, restarted).toSeconds(),
        load.answers(),
        load.acknowledged().size());
    assertThat(load.acknowledgedBetween(stopped, restarted))
        .as("batches ingest acknowledged while kafka-2 was down (2 of 3 in sync suffice)")
        .isPositive();
    assertThat(load.answers().keySet())
        .as("ingest answers: 202, or 503 to retry; never an error or silence")
        .isSubsetOf(Set.of("202", "503"));

    Map<String, Integer> stored = storedEvents(load.workflowPrefix(), load.acknowledged());
    Set<String> lost = new HashSet<>(load.acknowledged());
    lost.removeAll(stored.keySet());
    assertThat(lost).as("acknowledged events missing from " + TopicCatalog.RUN_EVENTS).isEmpty();
    List<String> twice = new ArrayList<>();
    stored.forEach(
        (id, n) -> {
          if (n > 1 && !load.resent().contains(id)) {
            twice.add(id + " x" + n);
          }
        });
    assertThat(twice).as("events stored twice though they were posted once").isEmpty();
    assertThat(stored.keySet())
        .as("events stored that no hook posted")
        .isSubsetOf(union(load.acknowledged(), load.resent()));
  }

  /** Each event id of the load on the run-events topic (read committed), with its count. */
  private Map<String, Integer> storedEvents(String prefix, Set<String> expected) throws Exception {
    SchemaRegistry registry = SchemaRegistry.connect(RegistrySettings.of(REGISTRY));
    TopicCatalog catalog = TopicCatalog.create(registry, new TopicSettings(12, (short) 3), false);
    Properties props = new Properties();
    props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, HOST_BROKERS);
    props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
    Map<String, Integer> counts = new HashMap<>();
    Deserializer<RunEvent> values = catalog.runEvents().valueSerde().deserializer();
    try (KafkaConsumer<String, RunEvent> consumer =
        new KafkaConsumer<>(props, new StringDeserializer(), values)) {
      List<TopicPartition> partitions =
          consumer.partitionsFor(TopicCatalog.RUN_EVENTS).stream()
              .map(p -> new TopicPartition(p.topic(), p.partition()))
              .toList();
      consumer.assign(partitions);
      consumer.seekToBeginning(partitions);
      Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
      long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
      while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p))
          && System.nanoTime() < deadline) {
        for (ConsumerRecord<String, RunEvent> r : consumer.poll(Duration.ofSeconds(1))) {
          if (r.value() != null && r.value().getWorkflow().startsWith(prefix)) {
            counts.merge(r.value().getEventId(), 1, Integer::sum);
          }
        }
      }
    }
    assertThat(counts).as("the load's events on the topic").isNotEmpty();
    assertThat(expected).isNotEmpty();
    return counts;
  }

  private static Set<String> union(Set<String> a, Set<String> b) {
    Set<String> all = new HashSet<>(a);
    all.addAll(b);
    return all;
  }

  private String bash(String command) {
    return Processes.run(
        List.of("bash", "-c", command), REPOSITORY, Map.of(), Duration.ofMinutes(1));
  }

  /** Runs {@code command} until its output contains {@code expected}; that output. */
  private String await(String command, String expected, Duration timeout) throws Exception {
    long deadline = System.nanoTime() + timeout.toNanos();
    String last = bash(command);
    while (!last.contains(expected)) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError(
            command + " did not answer " + expected + " within " + timeout + ": " + last);
      }
      Thread.sleep(2000);
      last = bash(command);
    }
    return last;
  }
}
