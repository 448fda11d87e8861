package io.dualrun.reconciler.codec;

import io.dualrun.schemas.avro.OutputFingerprint;
import io.dualrun.schemas.avro.RunEvent;
import io.dualrun.schemas.serde.AvroSerde;
import java.io.IOException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.avro.SchemaNormalization;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;

/**
 * Reads an input topic's records in the registry's wire format, as its {@link AvroSerde} does, but
 * with a hand-written body reader when the record was written with the reader's own binary layout:
 * the writer's schema (fetched once per schema id) and the serde's schema have the same Parsing
 * Canonical Form, which is exactly what decides the bytes (names, types, field order, union
 * branches, enum symbols), so the resolving reader would read the same record. Any other writer
 * schema — an older or newer compatible version — goes through the serde, as do null, short and
 * foreign records, with its errors.
 *
 * <p>A record the body reader cannot read is a {@link SerializationException} of the serde's form
 * ({@code topic T: cannot decode RunEvent written with schema id N: ...}); one it leaves bytes
 * after is handed to the serde too. The instance holds no per-record state (its {@link Names} is
 * safe to share), so stream threads may share it.
 */
public final class InputDecoder<T extends SpecificRecord> implements Deserializer<T> {
  /** Reads one record's Avro body, written with the serde's own schema. */
  @FunctionalInterface
  public interface Body<T> {
    T read(AvroInput in) throws IOException;
  }

  private static final int HEADER = 1 + Integer.BYTES;

  private final AvroSerde<T> serde;
  private final Body<T> body;
  private final String readerForm;
  private final Map<Integer, Boolean> directById = new ConcurrentHashMap<>();
  private final Names names = new Names();

  /** {@code body} must read exactly the layout of {@code serde.schema()}. */
  public InputDecoder(AvroSerde<T> serde, Body<T> body) {
    this.serde = serde;
    this.body = body;
    this.readerForm = SchemaNormalization.toParsingForm(serde.schema());
  }

  public static InputDecoder<RunEvent> runEvents(AvroSerde<RunEvent> serde) {
    return new InputDecoder<>(serde, RunEventReader::read);
  }

  public static InputDecoder<OutputFingerprint> fingerprints(AvroSerde<OutputFingerprint> serde) {
    return new InputDecoder<>(serde, FingerprintReader::read);
  }

  @Override
  public T deserialize(String topic, byte[] bytes) {
    if (bytes == null || bytes.length < HEADER || bytes[0] != AvroSerde.MAGIC) {
      return serde.deserialize(topic, bytes);
    }
    int id =
        (bytes[1] & 0xff) << 24
            | (bytes[2] & 0xff) << 16
            | (bytes[3] & 0xff) << 8
            | bytes[4] & 0xff;
    if (!readsDirectly(topic, id)) {
      return serde.deserialize(topic, bytes);
    }
    T value;
    boolean end;
    try {
      AvroInput in = new AvroInput(bytes, HEADER, bytes.length - HEADER, names);
      value = body.read(in);
      end = in.isEnd();
    } catch (IOException | RuntimeException e) {
      throw failure(topic, id, e.toString(), e);
    }
    // bytes after the record: whatever the serde makes of them, so both readings agree
    return end ? value : serde.deserialize(topic, bytes);
  }

  /**
   * Whether records with this schema id are read by the body reader rather than the serde: decided
   * once per id, from the writer's schema in the registry (an id the registry does not know is the
   * serde's {@link SerializationException}).
   */
  public boolean readsDirectly(String topic, int schemaId) {
    Boolean direct = directById.get(schemaId);
    if (direct == null) {
      direct =
          readerForm.equals(SchemaNormalization.toParsingForm(serde.writerSchema(topic, schemaId)));
      directById.put(schemaId, direct);
    }
    return direct;
  }

  private SerializationException failure(String topic, int id, String why, Throwable cause) {
    return new SerializationException(
        "topic "
            + topic
            + ": cannot decode "
            + serde.schema().getName()
            + " written with schema id "
            + id
            + ": "
            + why,
        cause);
  }
}
