package io.dualrun.reconciler.stream;

import io.dualrun.reconciler.codec.InputDecoder;
import io.dualrun.reconciler.engine.PairInput;
import io.dualrun.schemas.avro.OutputFingerprint;
import io.dualrun.schemas.avro.RunEvent;
import io.dualrun.schemas.serde.AvroSerde;
import io.dualrun.schemas.topic.TopicCatalog;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.serialization.Deserializer;

/**
 * Reads a record of either input topic, with that topic's value serde, as the pair processor's
 * input: one source node for both topics rather than a source, a value mapping and a merge per
 * topic. A null value stays null (the processor rejects it to the DLQ). Registry-framed values are
 * read by {@link InputDecoder}: directly when written with the current schema, else by the serde.
 */
public final class PairInputDeserializer implements Deserializer<PairInput> {
  private final String runEventsTopic;
  private final Deserializer<RunEvent> events;
  private final Deserializer<OutputFingerprint> fingerprints;

  public PairInputDeserializer(TopicCatalog catalog) {
    this.runEventsTopic = catalog.runEvents().name();
    this.events =
        catalog.runEvents().valueSerde() instanceof AvroSerde<RunEvent> serde
            ? InputDecoder.runEvents(serde)
            : catalog.runEvents().valueSerde().deserializer();
    this.fingerprints =
        catalog.fingerprints().valueSerde() instanceof AvroSerde<OutputFingerprint> serde
            ? InputDecoder.fingerprints(serde)
            : catalog.fingerprints().valueSerde().deserializer();
  }

  @Override
  public PairInput deserialize(String topic, byte[] data) {
    return deserialize(topic, null, data);
  }

  @Override
  public PairInput deserialize(String topic, Headers headers, byte[] data) {
    if (data == null) {
      return null;
    }
    if (runEventsTopic.equals(topic)) {
      RunEvent e =
          headers == null
              ? events.deserialize(topic, data)
              : events.deserialize(topic, headers, data);
      return e == null ? null : PairInput.of(e);
    }
    OutputFingerprint f =
        headers == null
            ? fingerprints.deserialize(topic, data)
            : fingerprints.deserialize(topic, headers, data);
    return f == null ? null : PairInput.of(f);
  }
}
