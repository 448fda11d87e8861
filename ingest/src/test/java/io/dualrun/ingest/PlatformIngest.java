package io.dualrun.ingest;

import io.dualrun.config.ConfigMap;
import io.dualrun.platform.LocalPlatform;
import io.dualrun.schemas.topic.Topic;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;

/** Helpers for ITs: an ingest configuration pointing at a {@link LocalPlatform}, topic reading. */
public final class PlatformIngest {
  public static final String TOKEN = "it-token-0123456789abcdef";

  private PlatformIngest() {}

  /** Configuration of an ingest service on a free port of 127.0.0.1, writing to {@code p}. */
  public static IngestConfig config(LocalPlatform p, Map<String, Object> extra) {
    Map<String, Object> flat = new HashMap<>();
    flat.put("kafka.bootstrap-servers", p.bootstrapServers());
    flat.put("registry.url", p.registryUrl());
    flat.put("inventory", TestInventory.path().toString());
    flat.put("ingest.host", "127.0.0.1");
    flat.put("ingest.port", 0);
    flat.put("ingest.auth.tokens", List.of(Map.of("source", "it", "token", TOKEN)));
    flat.put("ingest.schema-cache-dir", schemaCacheDir().toString());
    flat.putAll(extra);
    return IngestConfig.from(ConfigMap.of("it.yaml", flat));
  }

  private static Path schemaCacheDir() {
    try {
      return Files.createTempDirectory("ingest-schema-cache");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Every record of {@code topic} from the beginning, polling until {@code atLeast} or timeout. */
  public static <K, V> List<ConsumerRecord<K, V>> readAll(
      LocalPlatform p, Topic<K, V> topic, int atLeast, Duration timeout) {
    Map<String, Object> props = p.kafkaConfig();
    props.put(ConsumerConfig.GROUP_ID_CONFIG, "it-" + UUID.randomUUID());
    props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    List<ConsumerRecord<K, V>> out = new ArrayList<>();
    try (KafkaConsumer<K, V> consumer =
        new KafkaConsumer<>(
            props, topic.keySerde().deserializer(), topic.valueSerde().deserializer())) {
      consumer.subscribe(List.of(topic.name()));
      long deadline = System.nanoTime() + timeout.toNanos();
      int quietPolls = 0;
      while (System.nanoTime() < deadline) {
        int before = out.size();
        consumer.poll(Duration.ofMillis(500)).forEach(out::add);
        quietPolls = out.size() == before ? quietPolls + 1 : 0;
        if (out.size() >= atLeast && quietPolls >= 2) {
          break;
        }
      }
    }
    return out;
  }
}
