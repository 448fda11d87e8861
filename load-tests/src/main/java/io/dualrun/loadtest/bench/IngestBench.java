package io.dualrun.loadtest.bench;

import io.dualrun.ingest.sink.KafkaRecordSink;
import io.dualrun.loadtest.gen.Scenario;
import io.dualrun.loadtest.gen.Timed;
import io.dualrun.loadtest.gen.TrafficGenerator;
import io.dualrun.loadtest.run.LocalPipeline;
import io.dualrun.schemas.json.AvroJson;
import io.dualrun.schemas.topic.TopicCatalog;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.apache.avro.generic.IndexedRecord;
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
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Ingest HTTP against a plain idempotent KafkaProducer, same records in the same batches: a hook
 * posts a batch of up to 500 records ({@code POST /v1/events} or {@code /v1/fingerprints}) and
 * waits for the answer; the producer, with ingest's own producer settings, sends the same batch and
 * waits for every acknowledgement. JSON bodies and Avro values are built before the clock starts
 * (so the plain path does not even encode). After one uncounted round (JIT, connections), each
 * round posts and sends batch for batch; the medians are reported.
 */
final class IngestBench {
  private static final int BATCH = 500;
  private static final int ROUNDS = 3;

  private IngestBench() {}

  /** One batch: the endpoint, its JSON body and the same records for the producer. */
  private record Batch(String path, byte[] body, List<ProducerRecord<String, byte[]>> records) {}

  static Figure run(LocalPipeline pipeline, Scenario scenario, List<Double> throughput) {
    List<Timed> generated = new ArrayList<>();
    new TrafficGenerator(scenario).generate(generated::add);
    List<Batch> batches = batches(pipeline.platform().catalog(), generated);
    try (KafkaProducer<String, byte[]> producer = producer(pipeline);
        CloseableHttpClient client = HttpClients.createDefault()) {
      interleaved(pipeline, client, producer, batches);
      List<Double> httpRates = new ArrayList<>();
      List<Double> rawRates = new ArrayList<>();
      for (int round = 0; round < ROUNDS; round++) {
        long[] nanos = interleaved(pipeline, client, producer, batches);
        httpRates.add(generated.size() / (nanos[0] / 1e9));
        rawRates.add(generated.size() / (nanos[1] / 1e9));
      }
      double httpRate = median(httpRates);
      double rawRate = median(rawRates);
      throughput.add(httpRate);
      throughput.add(rawRate);
      return new Figure(
          "ingest POST /v1/events + /v1/fingerprints, "
              + generated.size()
              + " records in batches of "
              + BATCH
              + ", median of "
              + ROUNDS
              + " rounds",
          httpRate,
          "events/s",
          "plain KafkaProducer, same batches",
          rawRate);
    } catch (IOException e) {
      throw new java.io.UncheckedIOException("cannot close the HTTP client", e);
    }
  }

  /**
   * Every batch both ways, batch for batch (the order swapped every other batch, so that both meet
   * the same moments of a shared machine): nanoseconds spent posting, and sending.
   */
  private static long[] interleaved(
      LocalPipeline pipeline,
      CloseableHttpClient client,
      KafkaProducer<String, byte[]> producer,
      List<Batch> batches) {
    long http = 0;
    long plain = 0;
    for (int i = 0; i < batches.size(); i++) {
      Batch b = batches.get(i);
      if (i % 2 == 0) {
        http += viaHttp(pipeline, client, b);
        plain += viaProducer(producer, b);
      } else {
        plain += viaProducer(producer, b);
        http += viaHttp(pipeline, client, b);
      }
    }
    return new long[] {http, plain};
  }

  private static List<Batch> batches(TopicCatalog catalog, List<Timed> records) {
    List<Batch> out = new ArrayList<>();
    List<Timed> events = new ArrayList<>();
    List<Timed> prints = new ArrayList<>();
    for (Timed r : records) {
      List<Timed> open = r.isEvent() ? events : prints;
      open.add(r);
      if (open.size() == BATCH) {
        out.add(batch(catalog, open));
        open.clear();
      }
    }
    for (List<Timed> rest : List.of(events, prints)) {
      if (!rest.isEmpty()) {
        out.add(batch(catalog, rest));
      }
    }
    return out;
  }

  private static Batch batch(TopicCatalog catalog, List<Timed> records) {
    boolean events = records.get(0).isEvent();
    String topic = events ? TopicCatalog.RUN_EVENTS : TopicCatalog.FINGERPRINTS;
    StringBuilder json = new StringBuilder("[");
    List<ProducerRecord<String, byte[]>> values = new ArrayList<>();
    for (Timed r : records) {
      if (json.length() > 1) {
        json.append(',');
      }
      json.append(AvroJson.write((IndexedRecord) r.record()));
      byte[] value =
          events
              ? catalog.runEvents().valueSerde().serializer().serialize(topic, r.event())
              : catalog.fingerprints().valueSerde().serializer().serialize(topic, r.fingerprint());
      values.add(new ProducerRecord<>(topic, r.key(), value));
    }
    return new Batch(
        events ? "/v1/events" : "/v1/fingerprints",
        json.append(']').toString().getBytes(StandardCharsets.UTF_8),
        values);
  }

  /**
   * Nanoseconds to post one batch, answered 202: a blocking client on a kept-alive connection with
   * {@code TCP_NODELAY}, as hooks post (curl, Python requests).
   */
  private static long viaHttp(LocalPipeline pipeline, CloseableHttpClient client, Batch b) {
    HttpPost post = new HttpPost(pipeline.ingestUrl().resolve(b.path()));
    post.setHeader("Authorization", "Bearer " + pipeline.token());
    post.setEntity(new ByteArrayEntity(b.body(), ContentType.APPLICATION_JSON));
    long start = System.nanoTime();
    try {
      String failure =
          client.execute(
              post,
              answer -> {
                String text = EntityUtils.toString(answer.getEntity(), StandardCharsets.UTF_8);
                return answer.getCode() == 202 ? null : answer.getCode() + ": " + text;
              });
      long took = System.nanoTime() - start;
      if (failure != null) {
        throw new IllegalStateException("ingest answered " + failure + " to " + b.path());
      }
      return took;
    } catch (IOException e) {
      throw new IllegalStateException(
          "cannot reach ingest at " + post.getRequestUri() + ": " + e, e);
    }
  }

  /** Nanoseconds to send one batch, waiting for all its acknowledgements. */
  private static long viaProducer(KafkaProducer<String, byte[]> producer, Batch b) {
    long start = System.nanoTime();
    try {
      List<Future<RecordMetadata>> acks = new ArrayList<>(b.records().size());
      for (ProducerRecord<String, byte[]> r : b.records()) {
        acks.add(producer.send(r));
      }
      for (Future<RecordMetadata> ack : acks) {
        ack.get(60, TimeUnit.SECONDS);
      }
    } catch (Exception e) {
      throw new IllegalStateException("Kafka refused a record: " + e, e);
    }
    return System.nanoTime() - start;
  }

  /** A producer with ingest's own settings (acks=all, idempotence, batching, compression). */
  private static KafkaProducer<String, byte[]> producer(LocalPipeline pipeline) {
    return new KafkaProducer<>(
        KafkaRecordSink.producerConfig(pipeline.platform().kafkaConfig(), Duration.ofSeconds(60)),
        new StringSerializer(),
        new ByteArraySerializer());
  }

  private static double median(List<Double> values) {
    List<Double> sorted = new ArrayList<>(values);
    sorted.sort(Double::compare);
    int n = sorted.size();
    return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
  }
}
