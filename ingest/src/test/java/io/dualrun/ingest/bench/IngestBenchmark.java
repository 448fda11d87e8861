package io.dualrun.ingest.bench;

import io.dualrun.ingest.IngestService;
import io.dualrun.ingest.PlatformIngest;
import io.dualrun.ingest.TestHttp;
import io.dualrun.ingest.sink.KafkaRecordSink;
import io.dualrun.platform.LocalPlatform;
import io.dualrun.schemas.avro.RunEvent;
import io.dualrun.schemas.avro.RunStatus;
import io.dualrun.schemas.avro.Side;
import io.dualrun.schemas.json.AvroJson;
import io.dualrun.schemas.topic.Topic;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.HdrHistogram.Histogram;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * Events/s through {@code POST /v1/events} batches next to a plain KafkaProducer sending the same
 * records (same producer settings) in the same run, and the p99 latency of single-event posts.
 * Against a real broker and registry; not part of the test suite. Arguments: events, batch size,
 * single posts.
 */
public final class IngestBenchmark {
  private IngestBenchmark() {}

  public static void main(String[] args) throws Exception {
    int events = args.length > 0 ? Integer.parseInt(args[0]) : 100_000;
    int batch = args.length > 1 ? Integer.parseInt(args[1]) : 500;
    int singles = args.length > 2 ? Integer.parseInt(args[2]) : 2_000;
    try (LocalPlatform platform = LocalPlatform.startEphemeral();
        IngestService ingest = IngestService.start(PlatformIngest.config(platform, Map.of()))) {
      TestHttp http = new TestHttp("http://127.0.0.1:" + ingest.serve());
      List<RunEvent> records = records(events, "bench");
      warmUp(http);
      double httpRate = viaHttp(http, records, batch);
      double plainRate = viaProducer(platform, records(events, "plain"), batch);
      Histogram latency = singlePosts(http, singles);
      System.out.printf(
          "events: %d, batch: %d%nPOST /v1/events: %.0f events/s%nplain KafkaProducer: %.0f"
              + " events/s%nratio: %.2f (target >= 0.5)%nsingle-event POST latency (ms): p50 %.2f"
              + " p99 %.2f max %.2f over %d posts%n",
          events,
          batch,
          httpRate,
          plainRate,
          httpRate / plainRate,
          latency.getValueAtPercentile(50) / 1000.0,
          latency.getValueAtPercentile(99) / 1000.0,
          latency.getMaxValue() / 1000.0,
          singles);
    }
  }

  static List<RunEvent> records(int n, String prefix) {
    List<RunEvent> out = new ArrayList<>(n);
    Instant t = Instant.parse("2026-11-21T07:00:00Z");
    for (int i = 0; i < n; i++) {
      out.add(
          RunEvent.newBuilder()
              .setEventId(prefix + "-" + i)
              .setWorkflow("wf-" + (i % 50))
              .setPartition("2026-11-" + (10 + i % 20))
              .setSide(i % 2 == 0 ? Side.BASELINE : Side.CANDIDATE)
              .setOrchestrator("cron")
              .setRunId(prefix + "-run-" + i)
              .setAttempt(1)
              .setStatus(RunStatus.SUCCEEDED)
              .setEventTime(t.plusSeconds(i))
              .build());
    }
    return out;
  }

  static void warmUp(TestHttp http) {
    List<RunEvent> warm = records(30_000, "warm");
    for (int i = 0; i < warm.size(); i += 500) {
      http.post("/v1/events", body(warm.subList(i, i + 500)), PlatformIngest.TOKEN);
    }
  }

  static String body(List<RunEvent> events) {
    StringBuilder s = new StringBuilder("[");
    for (RunEvent e : events) {
      if (s.length() > 1) {
        s.append(',');
      }
      s.append(AvroJson.write(e));
    }
    return s.append(']').toString();
  }

  static double viaHttp(TestHttp http, List<RunEvent> records, int batch) {
    List<String> bodies = new ArrayList<>();
    for (int i = 0; i < records.size(); i += batch) {
      bodies.add(body(records.subList(i, Math.min(records.size(), i + batch))));
    }
    long start = System.nanoTime();
    for (String b : bodies) {
      int status = http.post("/v1/events", b, PlatformIngest.TOKEN).status();
      if (status != 202) {
        throw new IllegalStateException("POST answered " + status);
      }
    }
    return records.size() / ((System.nanoTime() - start) / 1e9);
  }

  static double viaProducer(LocalPlatform platform, List<RunEvent> records, int batch)
      throws Exception {
    Topic<String, RunEvent> topic = platform.catalog().runEvents();
    try (KafkaProducer<byte[], byte[]> producer =
        new KafkaProducer<>(
            KafkaRecordSink.producerConfig(platform.kafkaConfig(), Duration.ofSeconds(10)),
            new ByteArraySerializer(),
            new ByteArraySerializer())) {
      long start = System.nanoTime();
      for (int i = 0; i < records.size(); i += batch) {
        List<Future<RecordMetadata>> acks = new ArrayList<>();
        for (RunEvent e : records.subList(i, Math.min(records.size(), i + batch))) {
          String key = e.getWorkflow() + "/" + e.getPartition();
          acks.add(
              producer.send(
                  new ProducerRecord<>(
                      topic.name(),
                      topic.keySerde().serializer().serialize(topic.name(), key),
                      topic.valueSerde().serializer().serialize(topic.name(), e))));
        }
        for (Future<RecordMetadata> ack : acks) {
          ack.get(30, TimeUnit.SECONDS);
        }
      }
      return records.size() / ((System.nanoTime() - start) / 1e9);
    }
  }

  static Histogram singlePosts(TestHttp http, int n) {
    Histogram h = new Histogram(TimeUnit.SECONDS.toMicros(30), 3);
    List<RunEvent> events = records(n, "single");
    for (RunEvent e : events) {
      String body = AvroJson.write(e).toString();
      long start = System.nanoTime();
      http.post("/v1/events", body, PlatformIngest.TOKEN);
      h.recordValue(TimeUnit.NANOSECONDS.toMicros(System.nanoTime() - start));
    }
    return h;
  }
}
