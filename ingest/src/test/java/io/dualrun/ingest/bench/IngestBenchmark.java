package io.dualrun.ingest.bench;

import io.dualrun.ingest.IngestService;
import io.dualrun.ingest.PlatformIngest;
import io.dualrun.ingest.sink.KafkaRecordSink;
import io.dualrun.platform.LocalPlatform;
import io.dualrun.schemas.avro.RunEvent;
import io.dualrun.schemas.avro.RunStatus;
import io.dualrun.schemas.avro.Side;
import io.dualrun.schemas.json.AvroJson;
import io.dualrun.schemas.topic.Topic;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.net.URL;
import java.nio.charset.StandardCharsets;
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
 * Against a real broker and registry; not part of the test suite. The client is a blocking one, as
 * hooks use. Both are measured in alternating rounds, so that a shared machine's load weighs on
 * both alike; the median ratio is reported. Arguments: events per round, batch size, single posts,
 * rounds. System properties {@code kafka.<name>} set producer properties of both paths (e.g. {@code
 * -Dkafka.compression.type=none}).
 */
public final class IngestBenchmark {
  private IngestBenchmark() {}

  public static void main(String[] args) throws Exception {
    int events = args.length > 0 ? Integer.parseInt(args[0]) : 100_000;
    int batch = args.length > 1 ? Integer.parseInt(args[1]) : 500;
    int singles = args.length > 2 ? Integer.parseInt(args[2]) : 2_000;
    int rounds = args.length > 3 ? Integer.parseInt(args[3]) : 3;
    Map<String, String> producer = producerOverrides();
    try (LocalPlatform platform = LocalPlatform.startEphemeral();
        IngestService ingest =
            IngestService.start(
                PlatformIngest.config(platform, Map.of("kafka.properties", producer)))) {
      URL url = new URL("http://127.0.0.1:" + ingest.serve() + "/v1/events");
      warmUp(url, batch);
      viaProducer(platform, producer, records(30_000, "warm-plain"), batch);
      List<Double> ratios = new ArrayList<>();
      for (int round = 1; round <= rounds; round++) {
        double httpRate = viaHttp(url, records(events, "bench-" + round), batch);
        double plainRate =
            viaProducer(platform, producer, records(events, "plain-" + round), batch);
        ratios.add(httpRate / plainRate);
        System.out.printf(
            "round %d: POST /v1/events %.0f events/s, plain KafkaProducer %.0f events/s,"
                + " ratio %.2f%n",
            round, httpRate, plainRate, httpRate / plainRate);
      }
      Histogram latency = singlePosts(url, singles);
      System.out.printf(
          "events: %d per round, batch: %d, rounds: %d, producer overrides: %s%n"
              + "median ratio: %.2f (target >= 0.5)%nsingle-event POST latency (ms): p50 %.2f"
              + " p99 %.2f p99.9 %.2f max %.2f over %d posts%n",
          events,
          batch,
          rounds,
          producer,
          median(ratios),
          latency.getValueAtPercentile(50) / 1000.0,
          latency.getValueAtPercentile(99) / 1000.0,
          latency.getValueAtPercentile(99.9) / 1000.0,
          latency.getMaxValue() / 1000.0,
          singles);
    }
  }

  /** Producer settings for both paths from system properties {@code kafka.<name>}. */
  static Map<String, String> producerOverrides() {
    Map<String, String> out = new java.util.TreeMap<>();
    System.getProperties()
        .stringPropertyNames()
        .forEach(
            name -> {
              if (name.startsWith("kafka.")) {
                out.put(name.substring("kafka.".length()), System.getProperty(name));
              }
            });
    return out;
  }

  static double median(List<Double> values) {
    List<Double> sorted = values.stream().sorted().toList();
    int n = sorted.size();
    return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
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

  static void warmUp(URL url, int batch) throws IOException {
    viaHttp(url, records(30_000, "warm"), batch);
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

  static double viaHttp(URL url, List<RunEvent> records, int batch) throws IOException {
    List<byte[]> bodies = new ArrayList<>();
    for (int i = 0; i < records.size(); i += batch) {
      bodies.add(
          body(records.subList(i, Math.min(records.size(), i + batch)))
              .getBytes(StandardCharsets.UTF_8));
    }
    long start = System.nanoTime();
    for (byte[] b : bodies) {
      int status = post(url, b);
      if (status != 202) {
        throw new IllegalStateException("POST answered " + status);
      }
    }
    return records.size() / ((System.nanoTime() - start) / 1e9);
  }

  /**
   * One POST the way a hook sends it (curl, Python requests): a blocking client on a kept-alive
   * connection, the answer read whole.
   */
  static int post(URL url, byte[] body) throws IOException {
    HttpURLConnection c = (HttpURLConnection) url.openConnection();
    c.setRequestMethod("POST");
    c.setDoOutput(true);
    c.setRequestProperty("Content-Type", "application/json");
    c.setRequestProperty("Authorization", "Bearer " + PlatformIngest.TOKEN);
    c.setFixedLengthStreamingMode(body.length);
    try (OutputStream out = c.getOutputStream()) {
      out.write(body);
    }
    int status = c.getResponseCode();
    try (InputStream in = status < 400 ? c.getInputStream() : c.getErrorStream()) {
      in.readAllBytes();
    }
    return status;
  }

  static double viaProducer(
      LocalPlatform platform, Map<String, String> overrides, List<RunEvent> records, int batch)
      throws Exception {
    Topic<String, RunEvent> topic = platform.catalog().runEvents();
    Map<String, Object> base = platform.kafkaConfig();
    base.putAll(overrides);
    try (KafkaProducer<byte[], byte[]> producer =
        new KafkaProducer<>(
            KafkaRecordSink.producerConfig(base, Duration.ofSeconds(10)),
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

  static Histogram singlePosts(URL url, int n) throws IOException {
    Histogram h = new Histogram(TimeUnit.SECONDS.toMicros(30), 3);
    List<RunEvent> events = records(n, "single");
    for (RunEvent e : events) {
      byte[] body = AvroJson.write(e).toString().getBytes(StandardCharsets.UTF_8);
      long start = System.nanoTime();
      int status = post(url, body);
      h.recordValue(TimeUnit.NANOSECONDS.toMicros(System.nanoTime() - start));
      if (status != 202) {
        throw new IllegalStateException("POST answered " + status);
      }
    }
    return h;
  }
}
