package io.dualrun.loadtest.bench;

import io.dualrun.ingest.sink.KafkaRecordSink;
import io.dualrun.loadtest.gen.Scenario;
import io.dualrun.loadtest.gen.Timed;
import io.dualrun.loadtest.gen.TrafficGenerator;
import io.dualrun.loadtest.run.LocalPipeline;
import io.dualrun.schemas.json.AvroJson;
import io.dualrun.schemas.topic.TopicCatalog;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.apache.avro.generic.IndexedRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Ingest HTTP against a plain idempotent KafkaProducer, same records in the same batches: a hook
 * posts a batch of up to 500 records ({@code POST /v1/events} or {@code /v1/fingerprints}) and
 * waits for the answer; the producer, with ingest's own producer settings, sends the same batch and
 * waits for every acknowledgement. JSON bodies and Avro values are built before the clock starts.
 * After one uncounted round of each (JIT, connections), rounds alternate; the medians are reported.
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
    try (KafkaProducer<String, byte[]> producer = producer(pipeline)) {
      viaHttp(pipeline, batches);
      viaProducer(producer, batches);
      List<Double> httpRates = new ArrayList<>();
      List<Double> rawRates = new ArrayList<>();
      for (int round = 0; round < ROUNDS; round++) {
        httpRates.add(generated.size() / viaHttp(pipeline, batches));
        rawRates.add(generated.size() / viaProducer(producer, batches));
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
    }
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
   * Seconds to post every batch, one at a time, each answered 202: a blocking client on a
   * kept-alive connection, as hooks post (curl, Python requests).
   */
  private static double viaHttp(LocalPipeline pipeline, List<Batch> batches) {
    URI base = pipeline.ingestUrl();
    long start = System.nanoTime();
    for (Batch b : batches) {
      try {
        HttpURLConnection c = (HttpURLConnection) base.resolve(b.path()).toURL().openConnection();
        c.setRequestMethod("POST");
        c.setDoOutput(true);
        c.setRequestProperty("Content-Type", "application/json");
        c.setRequestProperty("Authorization", "Bearer " + pipeline.token());
        c.setFixedLengthStreamingMode(b.body().length);
        try (OutputStream out = c.getOutputStream()) {
          out.write(b.body());
        }
        int status = c.getResponseCode();
        byte[] answer;
        try (InputStream in = status < 400 ? c.getInputStream() : c.getErrorStream()) {
          answer = in.readAllBytes();
        }
        if (status != 202) {
          throw new IllegalStateException(
              "ingest answered "
                  + status
                  + " to "
                  + b.path()
                  + ": "
                  + new String(answer, StandardCharsets.UTF_8));
        }
      } catch (IOException e) {
        throw new IllegalStateException("cannot reach ingest at " + base + ": " + e, e);
      }
    }
    return (System.nanoTime() - start) / 1e9;
  }

  /** Seconds to send every batch, waiting for all of a batch's acknowledgements. */
  private static double viaProducer(KafkaProducer<String, byte[]> producer, List<Batch> batches) {
    long start = System.nanoTime();
    try {
      for (Batch b : batches) {
        List<Future<RecordMetadata>> acks = new ArrayList<>(b.records().size());
        for (ProducerRecord<String, byte[]> r : b.records()) {
          acks.add(producer.send(r));
        }
        for (Future<RecordMetadata> ack : acks) {
          ack.get(60, TimeUnit.SECONDS);
        }
      }
    } catch (Exception e) {
      throw new IllegalStateException("Kafka refused a record: " + e, e);
    }
    return (System.nanoTime() - start) / 1e9;
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
