package io.dualrun.schemas.serde;

import io.dualrun.registry.RegistryException;
import io.dualrun.registry.SchemaRegistry;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.avro.Schema;
import org.apache.avro.io.BinaryDecoder;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificDatumReader;
import org.apache.avro.specific.SpecificDatumWriter;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;

/**
 * Serde for generated Avro records in the Confluent wire format: magic byte 0, the 4-byte
 * big-endian schema id from the registry, then Avro binary. Subject is {@code <topic>-value} (or
 * {@code -key}). The writer's schema is fetched by id, so records written with an older, compatible
 * schema are read into the current class.
 */
public final class AvroSerde<T extends SpecificRecord> implements Serde<T> {
  /** The first byte of every record in the wire format. */
  public static final byte MAGIC = 0;

  private static final int HEADER = 5;

  private final SchemaRegistry client;
  private final Class<T> type;
  private final Schema readerSchema;
  private final SpecificData model;
  private final boolean isKey;
  private final boolean autoRegister;
  private final Map<String, String> subjects = new ConcurrentHashMap<>();
  private final Map<String, Integer> idBySubject = new ConcurrentHashMap<>();
  private final Map<Integer, Schema> writerById = new ConcurrentHashMap<>();
  private final Map<Integer, SpecificDatumReader<T>> readerById = new ConcurrentHashMap<>();
  private final SpecificDatumWriter<T> writer;

  public AvroSerde(SchemaRegistry client, Class<T> type, boolean isKey, boolean autoRegister) {
    this.client = client;
    this.type = type;
    this.model = SpecificData.getForClass(type);
    this.readerSchema = model.getSchema(type);
    this.isKey = isKey;
    this.autoRegister = autoRegister;
    this.writer = new SpecificDatumWriter<>(readerSchema, model);
  }

  public Class<T> type() {
    return type;
  }

  public Schema schema() {
    return readerSchema;
  }

  public String subject(String topic) {
    return subjects.computeIfAbsent(topic, t -> t + (isKey ? "-key" : "-value"));
  }

  /** Registers (or, without auto-registration, looks up) this type's schema; returns its id. */
  public int schemaId(String topic) {
    String subject = subject(topic);
    Integer known = idBySubject.get(subject);
    if (known != null) {
      return known;
    }
    try {
      int id =
          autoRegister
              ? client.register(subject, readerSchema)
              : client.lookup(subject, readerSchema);
      idBySubject.put(subject, id);
      return id;
    } catch (RegistryException e) {
      throw new SerializationException(
          "cannot "
              + (autoRegister ? "register" : "find")
              + " schema "
              + readerSchema.getFullName()
              + " under subject "
              + subject
              + ": "
              + e.reason(),
          e);
    }
  }

  public byte[] serialize(String topic, T data) {
    if (data == null) {
      return null;
    }
    int id = schemaId(topic);
    ByteArrayOutputStream out = new ByteArrayOutputStream(256);
    out.write(MAGIC);
    out.writeBytes(ByteBuffer.allocate(4).putInt(id).array());
    try {
      BinaryEncoder encoder = EncoderFactory.get().directBinaryEncoder(out, null);
      writer.write(data, encoder);
      encoder.flush();
    } catch (IOException | RuntimeException e) {
      throw new SerializationException(
          "cannot encode " + readerSchema.getName() + " for topic " + topic + ": " + e.getMessage(),
          e);
    }
    return out.toByteArray();
  }

  public T deserialize(String topic, byte[] bytes) {
    if (bytes == null) {
      return null;
    }
    if (bytes.length < HEADER) {
      throw new SerializationException(
          "topic "
              + topic
              + ": record of "
              + bytes.length
              + " bytes is too short for the wire format");
    }
    if (bytes[0] != MAGIC) {
      throw new SerializationException(
          String.format(
              "topic %s: unknown magic byte 0x%02x (expected 0x00, Confluent Avro wire format)",
              topic, bytes[0]));
    }
    int id = ByteBuffer.wrap(bytes, 1, 4).getInt();
    SpecificDatumReader<T> reader = readerById.computeIfAbsent(id, i -> newReader(topic, i));
    try {
      BinaryDecoder decoder =
          DecoderFactory.get().binaryDecoder(bytes, HEADER, bytes.length - HEADER, null);
      return reader.read(null, decoder);
    } catch (IOException | RuntimeException e) {
      throw new SerializationException(
          "topic "
              + topic
              + ": cannot decode "
              + readerSchema.getName()
              + " written with schema id "
              + id
              + ": "
              + e,
          e);
    }
  }

  /**
   * The schema the record with this id was written with, fetched from the registry once per id: a
   * reader that knows the binary layout of {@link #schema()} may read such a record itself when the
   * two have the same layout.
   */
  public Schema writerSchema(String topic, int id) {
    return writerById.computeIfAbsent(id, i -> fetchSchema(topic, i));
  }

  private SpecificDatumReader<T> newReader(String topic, int id) {
    return new SpecificDatumReader<>(writerSchema(topic, id), readerSchema, model);
  }

  private Schema fetchSchema(String topic, int id) {
    try {
      return client.byId(id);
    } catch (RegistryException e) {
      throw new SerializationException(
          "topic "
              + topic
              + ": schema id "
              + id
              + " cannot be fetched from the registry: "
              + e.reason(),
          e);
    }
  }

  @Override
  public Serializer<T> serializer() {
    return this::serialize;
  }

  @Override
  public Deserializer<T> deserializer() {
    return this::deserialize;
  }
}
