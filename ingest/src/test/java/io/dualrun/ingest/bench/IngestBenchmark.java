package io.dualrun.ingest.bench;

import io.dualrun.ingest.IngestServer;
import io.dualrun.ingest.IngestService;
import io.dualrun.ingest.PlatformIngest;
import io.dualrun.ingest.sink.KafkaRecordSink;
import io.dualrun.platform.LocalPlatform;
import io.dualrun.schemas.avro.RunEvent;
import io.dualrun.schemas.avro.RunStatus;
import io.dualrun.schemas.avro.Side;
import io.dualrun.schemas.json.AvroJson;
import io.dualrun.schemas.topic.Topic;
import io.dualrun.service.lifecycle.ServiceHost;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.HdrHistogram.Histogram;
import org.apache.hc.client5.http.classic.methods.HttpPost;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.io.entity.ByteArrayEntity;
import org.apache.hc.core5.http.io.entity.EntityUtils;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * Events/s through {@code POST /v1/events} batches next to a plain KafkaProducer sending the same
 * kind of records (same producer settings, Avro encoding included) in the same run, and the latency
 * of single-event posts. Against a real broker and registry; not part of the test suite. The client
 * is a blocking one, as hooks use. Each round posts and sends batch for batch, so that a shared
 * machine's load weighs on both alike; the median ratio of the rounds is reported. Arguments:
 * events per round, batch size, single posts, rounds. System properties {@code kafka.<name>} set
 * producer properties of both paths (e.g. {@code -Dkafka.compression.type=none}); {@code
 * bench.warm-up} the events sent uncounted first.
 */
public final class IngestBenchmark {
  /**
   * Events sent uncounted each way before the rounds. Both paths keep getting faster for a while as
   * the JIT compiles them (ingest's longer path for longer): with 150,000 the rounds still rose
   * from first to last; with 400,000 they no longer do.
   */
  private static final int WARM_UP = Integer.getInteger("bench.warm-up", 400_000);

  private IngestBenchmark() {}

  public static void main(String[] args) throws Exception {
    int events = args.length > 0 ? Integer.parseInt(args[0]) : 100_000;
    int batch = args.length > 1 ? Integer.parseInt(args[1]) : 500;
    int singles = args.length > 2 ? Integer.parseInt(args[2]) : 2_000;
    int rounds = args.length > 3 ? Integer.parseInt(args[3]) : 3;
    Map<String, String> producer = producerOverrides();
    try (LocalPlatform platform = LocalPlatform.startEphemeral();
        ServiceHost ingest =
            IngestServer.start(
                IngestService.start(
                    PlatformIngest.config(platform, Map.of("kafka.properties", producer))));
        CloseableHttpClient client = HttpClients.createDefault()) {
      URI uri = URI.create("http://127.0.0.1:" + ingest.port() + "/v1/events");
      try (Plain plain = new Plain(platform, producer)) {
        interleaved(client, uri, plain, WARM_UP, batch, "warm");
        List<Double> ratios = new ArrayList<>();
        for (int round = 1; round <= rounds; round++) {
          double[] rates = interleaved(client, uri, plain, events, batch, "r" + round);
          ratios.add(rates[0] / rates[1]);
          System.out.printf(
              "round %d: POST /v1/events %.0f events/s, plain KafkaProducer %.0f events/s,"
                  + " ratio %.2f%n",
              round, rates[0], rates[1], rates[0] / rates[1]);
        }
        printRatios(events, batch, rounds, producer, ratios);
      }
      Histogram latency = singlePosts(client, uri, singles);
      System.out.printf(
          "single-event POST latency (ms): p50 %.2f p99 %.2f p99.9 %.2f max %.2f over %d posts%n",
          latency.getValueAtPercentile(50) / 1000.0,
          latency.getValueAtPercentile(99) / 1000.0,
          latency.getValueAtPercentile(99.9) / 1000.0,
          latency.getMaxValue() / 1000.0,
          singles);
    }
  }

  private static void printRatios(
      int events, int batch, int rounds, Map<String, String> producer, List<Double> ratios) {
    System.out.printf(
        "events: %d per round and path, batch: %d, rounds: %d, producer overrides: %s%n"
            + "median ratio: %.2f (target >= 0.5)%n",
        events, batch, rounds, producer, median(ratios));
  }

  /**
   * {@code n} events each way, batch for batch: a batch posted to ingest, then a batch of other
   * events (same shape) sent by the plain producer, the order swapped every other batch, so that
   * both paths meet the same moments of a shared machine. Returns events/s of ingest and of the
   * plain producer, each over its own time only.
   */
  static double[] interleaved(
      CloseableHttpClient client, URI uri, Plain plain, int n, int batch, String prefix)
      throws Exception {
    List<RunEvent> viaHttp = records(n, prefix + "-http");
    List<RunEvent> viaPlain = records(n, prefix + "-plain");
    long httpNanos = 0;
    long plainNanos = 0;
    for (int i = 0, k = 0; i < n; i += batch, k++) {
      int end = Math.min(n, i + batch);
      byte[] body = body(viaHttp.subList(i, end)).getBytes(StandardCharsets.UTF_8);
      List<RunEvent> plainBatch = viaPlain.subList(i, end);
      if (k % 2 == 0) {
        httpNanos += timedPost(client, uri, body);
        plainNanos += plain.send(plainBatch);
      } else {
        plainNanos += plain.send(plainBatch);
        httpNanos += timedPost(client, uri, body);
      }
    }
    return new double[] {n / (httpNanos / 1e9), n / (plainNanos / 1e9)};
  }

  private static long timedPost(CloseableHttpClient client, URI uri, byte[] body)
      throws IOException {
    long start = System.nanoTime();
    int status = post(client, uri, body);
    long took = System.nanoTime() - start;
    if (status != 202) {
      throw new IllegalStateException("POST answered " + status);
    }
    return took;
  }

  /** The plain path: one producer for the whole run, with ingest's producer settings. */
  static final class Plain implements AutoCloseable {
    private final Topic<String, RunEvent> topic;
    private final KafkaProducer<byte[], byte[]> producer;

    Plain(LocalPlatform platform, Map<String, String> overrides) {
      topic = platform.catalog().runEvents();
      Map<String, Object> base = platform.kafkaConfig();
      base.putAll(overrides);
      producer =
          new KafkaProducer<>(
              KafkaRecordSink.producerConfig(base, Duration.ofSeconds(10)),
              new ByteArraySerializer(),
              new ByteArraySerializer());
    }

    /** Serializes and sends {@code batch} and waits for every acknowledgement; the nanoseconds. */
    long send(List<RunEvent> batch) throws Exception {
      long start = System.nanoTime();
      List<Future<RecordMetadata>> acks = new ArrayList<>(batch.size());
      for (RunEvent e : batch) {
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
      return System.nanoTime() - start;
    }

    @Override
    public void close() {
      producer.close();
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

  static double viaHttp(CloseableHttpClient client, URI uri, List<RunEvent> records, int batch)
      throws IOException {
    List<byte[]> bodies = new ArrayList<>();
    for (int i = 0; i < records.size(); i += batch) {
      bodies.add(
          body(records.subList(i, Math.min(records.size(), i + batch)))
              .getBytes(StandardCharsets.UTF_8));
    }
    long start = System.nanoTime();
    for (byte[] b : bodies) {
      int status = post(client, uri, b);
      if (status != 202) {
        throw new IllegalStateException("POST answered " + status);
      }
    }
    return records.size() / ((System.nanoTime() - start) / 1e9);
  }

  /**
   * One POST the way a hook sends it (curl, Python requests): a blocking client on a kept-alive
   * connection with {@code TCP_NODELAY}, the answer read whole. ({@code HttpURLConnection} does not
   * set {@code TCP_NODELAY}: its body segments wait for the server's acknowledgements, which made a
   * batch of 500 take about 1.2 ms longer than with curl's way of sending.)
   */
  static int post(CloseableHttpClient client, URI uri, byte[] body) throws IOException {
    HttpPost post = new HttpPost(uri);
    post.setHeader("Authorization", "Bearer " + PlatformIngest.TOKEN);
    post.setEntity(new ByteArrayEntity(body, ContentType.APPLICATION_JSON));
    return client.execute(
        post,
        answer -> {
          EntityUtils.consume(answer.getEntity());
          return answer.getCode();
        });
  }

  static Histogram singlePosts(CloseableHttpClient client, URI uri, int n) throws IOException {
    Histogram h = new Histogram(TimeUnit.SECONDS.toMicros(30), 3);
    List<RunEvent> events = records(n, "single");
    for (RunEvent e : events) {
      byte[] body = AvroJson.write(e).toString().getBytes(StandardCharsets.UTF_8);
      long start = System.nanoTime();
      int status = post(client, uri, body);
      h.recordValue(TimeUnit.NANOSECONDS.toMicros(System.nanoTime() - start));
      if (status != 202) {
        throw new IllegalStateException("POST answered " + status);
      }
    }
    return h;
  }
}
