package io.dualrun.alerting;

import static org.assertj.core.api.Assertions.fail;

import io.dualrun.alerting.kafka.TopicReader;
import io.dualrun.platform.LocalPlatform;
import io.dualrun.schemas.avro.FreshnessBreach;
import io.dualrun.schemas.avro.Notification;
import io.dualrun.schemas.avro.Verdict;
import io.dualrun.schemas.topic.TopicCatalog;
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
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;

/** Feeds reconciler records into a real broker, writes configs, waits for outcomes. */
public final class ItSupport implements AutoCloseable {
  public static final Duration PATIENCE = Duration.ofSeconds(90);

  private final LocalPlatform platform;
  private final KafkaProducer<String, Verdict> verdicts;
  private final KafkaProducer<String, FreshnessBreach> breaches;

  public ItSupport(LocalPlatform platform) {
    this.platform = platform;
    TopicCatalog catalog = platform.catalog();
    this.verdicts = producer(catalog.verdicts().valueSerde().serializer());
    this.breaches = producer(catalog.freshness().valueSerde().serializer());
  }

  private <V> KafkaProducer<String, V> producer(
      org.apache.kafka.common.serialization.Serializer<V> values) {
    Map<String, Object> props = platform.kafkaConfig();
    props.put(ProducerConfig.ACKS_CONFIG, "all");
    props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
    return new KafkaProducer<>(props, new StringSerializer(), values);
  }

  /**
   * A MISMATCH verdict goes to dualrun.verdicts.v1 and dualrun.mismatches.v1, as the reconciler
   * writes it.
   */
  public void mismatch(Verdict v) {
    String key = v.getWorkflow() + "/" + v.getPartition();
    send(verdicts, TopicCatalog.VERDICTS, key, v);
    send(verdicts, TopicCatalog.MISMATCHES, key, v);
  }

  public void match(Verdict v) {
    send(verdicts, TopicCatalog.VERDICTS, v.getWorkflow() + "/" + v.getPartition(), v);
  }

  public void breach(FreshnessBreach b) {
    send(breaches, TopicCatalog.FRESHNESS, b.getWorkflow() + "/" + b.getPartition(), b);
  }

  private static <V> void send(KafkaProducer<String, V> p, String topic, String key, V value) {
    try {
      p.send(new ProducerRecord<>(topic, key, value)).get();
    } catch (Exception e) {
      throw new IllegalStateException("cannot produce to " + topic + ": " + e, e);
    }
  }

  /** Client properties of the platform's brokers. */
  public Map<String, Object> kafkaConfig() {
    return platform.kafkaConfig();
  }

  /** Every notification recorded so far on dualrun.notifications.v1. */
  public List<Notification> notifications() {
    List<Notification> out = new ArrayList<>();
    var serde = platform.catalog().notifications().valueSerde();
    TopicReader.readToEnd(
        platform.kafkaConfig(),
        TopicCatalog.NOTIFICATIONS,
        r -> out.add(serde.deserializer().deserialize(r.topic(), r.value())));
    return out;
  }

  /** A configuration file for this platform; {@code extra} is YAML appended at the end. */
  public Path config(Path dir, String applicationId, int groupWaitMs, String extra) {
    String yaml =
        "kafka:\n"
            + "  bootstrap-servers: "
            + platform.bootstrapServers()
            + "\nregistry:\n  url: "
            + platform.registryUrl()
            + "\ntopics:\n  partitions: 3\n"
            + "alerting:\n"
            + "  application-id: "
            + applicationId
            + "\n  state-dir: "
            + dir.resolve("state-" + applicationId)
            + "\n  http-port: 0\n"
            + "  group-wait: "
            + groupWaitMs
            + "ms\n"
            + "  tick: 200ms\n"
            + "  repeat-interval: 1h\n"
            + "  retry:\n    initial-backoff: 200ms\n    max-backoff: 1s\n    deadline: 30m\n"
            + "links:\n  pair-url-template: http://dash.example:7070/pairs/{workflow}/{partition}\n"
            + "auth:\n  tokens:\n"
            + "    - {name: oncall, token: "
            + OPERATOR_TOKEN
            + ", roles: [operator]}\n"
            + "    - {name: airflow, token: "
            + SOURCE_TOKEN
            + ", roles: [source]}\n"
            + extra;
    try {
      Path file = dir.resolve(applicationId + ".yaml");
      Files.writeString(file, yaml);
      return file;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public static String uniqueId(String prefix) {
    return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
  }

  /** Waits until {@code condition} holds, failing with {@code what} after {@link #PATIENCE}. */
  public static void await(String what, BooleanSupplier condition) {
    await(what, PATIENCE, condition, () -> "");
  }

  /** The same, {@code state} telling what is there instead on failure. */
  public static void await(String what, BooleanSupplier condition, Supplier<String> state) {
    await(what, PATIENCE, condition, state);
  }

  public static void await(
      String what, Duration patience, BooleanSupplier condition, Supplier<String> state) {
    long deadline = System.nanoTime() + patience.toNanos();
    while (System.nanoTime() < deadline) {
      if (condition.getAsBoolean()) {
        return;
      }
      sleep(200);
    }
    fail("timed out after " + patience.toSeconds() + " s waiting for " + what + " " + state.get());
  }

  public static void sleep(long ms) {
    try {
      Thread.sleep(ms);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** The operator's token in {@link #config}: may silence. */
  public static final String OPERATOR_TOKEN = "it-operator-token-0123456789";

  /** A source's token in {@link #config}: may not silence. */
  public static final String SOURCE_TOKEN = "it-source-token-0123456789";

  /** A request as the operator. */
  public static HttpResponse<String> http(String method, String url, String body) {
    return http(method, url, body, OPERATOR_TOKEN);
  }

  /** A request bearing {@code token} (null: none). */
  public static HttpResponse<String> http(String method, String url, String body, String token) {
    try {
      HttpRequest.Builder b =
          HttpRequest.newBuilder(URI.create(url))
              .timeout(Duration.ofSeconds(10))
              .header("Content-Type", "application/json")
              .method(
                  method,
                  body == null
                      ? HttpRequest.BodyPublishers.noBody()
                      : HttpRequest.BodyPublishers.ofString(body));
      if (token != null) {
        b.header("Authorization", "Bearer " + token);
      }
      return HttpClient.newHttpClient().send(b.build(), HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  public static Map<String, Integer> count(List<String> keys) {
    Map<String, Integer> counts = new HashMap<>();
    keys.forEach(k -> counts.merge(k, 1, Integer::sum));
    return counts;
  }

  @Override
  public void close() {
    verdicts.close();
    breaches.close();
  }
}
