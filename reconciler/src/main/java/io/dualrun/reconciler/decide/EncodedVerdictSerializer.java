package io.dualrun.reconciler.decide;

import io.dualrun.reconciler.codec.FramedWriter;
import io.dualrun.schemas.avro.Verdict;
import io.dualrun.schemas.serde.AvroSerde;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;

/**
 * Writes an {@link EncodedVerdict} in the registry's wire format (magic byte, schema id, Avro
 * binary) from the binary it already has, rather than encoding the verdict again: the same bytes
 * the topic's own Avro serde writes. A topic whose serde is not the registry's Avro serde gets the
 * verdict through that serde.
 */
public final class EncodedVerdictSerializer implements Serializer<EncodedVerdict> {
  private final Serde<Verdict> topicSerde;

  public EncodedVerdictSerializer(Serde<Verdict> topicSerde) {
    this.topicSerde = topicSerde;
  }

  @Override
  public byte[] serialize(String topic, EncodedVerdict v) {
    if (v == null) {
      return null;
    }
    if (!(topicSerde instanceof AvroSerde<Verdict> avro)) {
      return topicSerde.serializer().serialize(topic, v.verdict());
    }
    return FramedWriter.framed(avro.schemaId(topic), v.body());
  }
}
