package io.dualrun.loadtest.bench;

import io.dualrun.loadtest.gen.Scenario;
import io.dualrun.loadtest.gen.Timed;
import io.dualrun.loadtest.gen.TrafficGenerator;
import io.dualrun.loadtest.run.LocalPipeline;
import io.dualrun.loadtest.sink.IngestHttpSink;
import io.dualrun.loadtest.sink.KafkaSink;
import java.util.ArrayList;
import java.util.List;

/** Ingest HTTP (batches of 500) against a plain idempotent KafkaProducer, same records. */
final class IngestBench {
  private IngestBench() {}

  static Figure run(LocalPipeline pipeline, Scenario scenario, List<Double> throughput) {
    List<Timed> records = new ArrayList<>();
    new TrafficGenerator(scenario).generate(records::add);
    long start = System.nanoTime();
    try (IngestHttpSink sink = pipeline.ingestSink(500, 0)) {
      records.forEach(sink::send);
    }
    double http = records.size() / ((System.nanoTime() - start) / 1e9);
    start = System.nanoTime();
    try (KafkaSink sink =
        new KafkaSink(pipeline.platform().kafkaConfig(), pipeline.platform().catalog())) {
      records.forEach(sink::send);
    }
    double raw = records.size() / ((System.nanoTime() - start) / 1e9);
    throughput.add(http);
    throughput.add(raw);
    return new Figure(
        "ingest POST /v1/events + /v1/fingerprints, " + records.size() + " records",
        http,
        "events/s",
        "plain KafkaProducer",
        raw);
  }
}
