package io.dualrun.reconciler.stream;

import io.dualrun.reconciler.codec.BreachWriter;
import io.dualrun.reconciler.codec.FramedWriter;
import io.dualrun.reconciler.decide.EncodedVerdict;
import io.dualrun.reconciler.decide.EncodedVerdictSerializer;
import io.dualrun.reconciler.engine.Emission;
import io.dualrun.schemas.avro.FreshnessBreach;
import io.dualrun.schemas.serde.AvroSerde;
import io.dualrun.schemas.topic.TopicCatalog;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.streams.processor.RecordContext;
import org.apache.kafka.streams.processor.TopicNameExtractor;

/**
 * The reconciler's one sink: names each emission's topic from its route and writes it with that
 * topic's value serde (a verdict from the Avro binary it already has). One sink straight after the
 * pair processor rather than a branch, a value mapping and a sink per topic: a record passes
 * through one node less per step.
 */
public final class EmissionSink
    implements TopicNameExtractor<String, Emission>, Serializer<Emission> {
  private final String verdictsTopic;
  private final String mismatchesTopic;
  private final String freshnessTopic;
  private final Serializer<EncodedVerdict> verdicts;
  private final Serializer<EncodedVerdict> mismatches;
  private final Serde<FreshnessBreach> freshness;

  public EmissionSink(TopicCatalog catalog) {
    this.verdictsTopic = catalog.verdicts().name();
    this.mismatchesTopic = catalog.mismatches().name();
    this.freshnessTopic = catalog.freshness().name();
    this.verdicts = new EncodedVerdictSerializer(catalog.verdicts().valueSerde());
    this.mismatches = new EncodedVerdictSerializer(catalog.mismatches().valueSerde());
    this.freshness = catalog.freshness().valueSerde();
  }

  @Override
  public String extract(String key, Emission e, RecordContext context) {
    return switch (e.route()) {
      case VERDICTS -> verdictsTopic;
      case MISMATCHES -> mismatchesTopic;
      case FRESHNESS -> freshnessTopic;
    };
  }

  @Override
  public byte[] serialize(String topic, Emission e) {
    if (e == null) {
      return null;
    }
    return switch (e.route()) {
      case VERDICTS -> verdicts.serialize(topic, e.verdict());
      case MISMATCHES -> mismatches.serialize(topic, e.verdict());
      case FRESHNESS -> breach(topic, e.breach());
    };
  }

  /** The registry's wire format written by {@link BreachWriter}, or the topic's own serde's. */
  private byte[] breach(String topic, FreshnessBreach b) {
    if (freshness instanceof AvroSerde<FreshnessBreach> avro) {
      return FramedWriter.framed(
          avro.schemaId(topic), b, BreachWriter::write, "freshness breach for topic " + topic);
    }
    return freshness.serializer().serialize(topic, b);
  }

  /** Names the three topics (the topology's description shows it). */
  @Override
  public String toString() {
    return "EmissionSink[" + verdictsTopic + ", " + mismatchesTopic + ", " + freshnessTopic + "]";
  }

  @Override
  public byte[] serialize(String topic, Headers headers, Emission e) {
    return serialize(topic, e);
  }
}
