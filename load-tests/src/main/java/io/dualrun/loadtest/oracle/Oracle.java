package io.dualrun.loadtest.oracle;

import io.dualrun.loadtest.gen.GroundTruth;
import io.dualrun.schemas.avro.FreshnessBreach;
import io.dualrun.schemas.avro.Verdict;
import io.dualrun.schemas.topic.TopicCatalog;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * Reads {@code dualrun.verdicts.v1} and {@code dualrun.freshness.v1} (read_committed, from the
 * beginning) and the alerts delivered to an {@link AlertReceiver}, until everything the ground
 * truth expects has been seen and nothing more arrived for a quiet period (or the patience ran
 * out), then scores the run.
 */
public final class Oracle {
  private final Map<String, Object> kafka;
  private final TopicCatalog catalog;
  private final AlertReceiver receiver;
  private final Duration quiet;

  public Oracle(
      Map<String, Object> kafka, TopicCatalog catalog, AlertReceiver receiver, Duration quiet) {
    this.kafka = kafka;
    this.catalog = catalog;
    this.receiver = receiver;
    this.quiet = quiet;
  }

  /** Waits (at most {@code patience}) and judges; the report says whether the run passed. */
  public OracleReport judge(GroundTruth truth, Duration patience) {
    Observed seen = new Observed();
    var verdicts = catalog.verdicts().valueSerde().deserializer();
    var breaches = catalog.freshness().valueSerde().deserializer();
    try (KafkaConsumer<String, byte[]> consumer = consumer()) {
      consumer.subscribe(List.of(TopicCatalog.VERDICTS, TopicCatalog.FRESHNESS));
      long deadline = System.nanoTime() + patience.toNanos();
      long lastChange = System.nanoTime();
      while (System.nanoTime() < deadline) {
        int before = seen.verdicts + seen.breaches + receiver.deliveries().size();
        for (ConsumerRecord<String, byte[]> r : consumer.poll(Duration.ofMillis(500))) {
          if (r.topic().equals(TopicCatalog.VERDICTS)) {
            seen.verdict((Verdict) verdicts.deserialize(r.topic(), r.headers(), r.value()));
          } else {
            seen.breach((FreshnessBreach) breaches.deserialize(r.topic(), r.headers(), r.value()));
          }
        }
        if (seen.verdicts + seen.breaches + receiver.deliveries().size() != before) {
          lastChange = System.nanoTime();
        }
        boolean quietNow = System.nanoTime() - lastChange >= quiet.toNanos();
        if (quietNow && complete(truth, seen)) {
          break;
        }
      }
    }
    return Scoring.score(truth, seen, receiver.deliveries());
  }

  /** Every expected pair decided as expected, every breach opened/closed, every alert delivered. */
  private boolean complete(GroundTruth truth, Observed seen) {
    for (GroundTruth.ExpectedPair p : truth.pairs().values()) {
      Observed.PairVerdicts v = seen.pairs.get(p.key());
      if (v == null || v.lastOutcome != p.outcome()) {
        return false;
      }
    }
    for (GroundTruth.ExpectedBreach b : truth.breaches().values()) {
      if (!seen.opened.contains(b.breachId())
          || (b.closes() && !seen.closed.contains(b.breachId()))) {
        return false;
      }
    }
    Map<String, java.util.Set<String>> firing = new HashMap<>();
    receiver.deliveries().stream()
        .filter(AlertReceiver.Delivery::firing)
        .forEach(
            d ->
                firing
                    .computeIfAbsent(d.alertId(), x -> new java.util.TreeSet<>())
                    .addAll(d.partitions()));
    for (var e : truth.requiredAlerts().entrySet()) {
      java.util.Set<String> got = firing.get(e.getKey());
      if (got == null || !got.containsAll(e.getValue())) {
        return false;
      }
    }
    return true;
  }

  @SuppressWarnings("unchecked")
  private KafkaConsumer<String, byte[]> consumer() {
    Map<String, Object> props = new HashMap<>(kafka);
    props.put(ConsumerConfig.GROUP_ID_CONFIG, "dualrun-oracle-" + UUID.randomUUID());
    props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    return new KafkaConsumer<>(props, new StringDeserializer(), new ByteArrayDeserializer());
  }
}
