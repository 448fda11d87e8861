package io.dualrun.reconciler.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dualrun.registry.SchemaRegistry;
import io.dualrun.schemas.avro.BucketHashes;
import io.dualrun.schemas.avro.ColumnHash;
import io.dualrun.schemas.avro.ColumnHashes;
import io.dualrun.schemas.avro.ColumnStats;
import io.dualrun.schemas.avro.ColumnType;
import io.dualrun.schemas.avro.OutputFingerprint;
import io.dualrun.schemas.avro.RunEvent;
import io.dualrun.schemas.avro.RunStatus;
import io.dualrun.schemas.avro.Side;
import io.dualrun.schemas.serde.AvroSerde;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.generic.GenericRecordBuilder;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificDatumWriter;
import org.apache.kafka.common.errors.SerializationException;
import org.junit.jupiter.api.Test;

class InputDecoderTest {
  private static final String TOPIC = "topic-x";

  private final SchemaRegistry registry = SchemaRegistry.inMemory();
  private final AvroSerde<RunEvent> events = new AvroSerde<>(registry, RunEvent.class, false, true);
  private final AvroSerde<OutputFingerprint> fingerprints =
      new AvroSerde<>(registry, OutputFingerprint.class, false, true);
  private final InputDecoder<RunEvent> eventDecoder = InputDecoder.runEvents(events);
  private final InputDecoder<OutputFingerprint> fingerprintDecoder =
      InputDecoder.fingerprints(fingerprints);

  @Test
  void readsRecordsWrittenWithTheReaderSchemaDirectly() {
    byte[] e = events.serialize(TOPIC, event());
    byte[] f = fingerprints.serialize("fingerprints", fingerprint());

    assertThat(eventDecoder.readsDirectly(TOPIC, id(e))).isTrue();
    assertThat(eventDecoder.deserialize(TOPIC, e))
        .isEqualTo(events.deserialize(TOPIC, e))
        .isEqualTo(event());
    assertThat(fingerprintDecoder.readsDirectly("fingerprints", id(f))).isTrue();
    assertThat(fingerprintDecoder.deserialize("fingerprints", f))
        .isEqualTo(fingerprints.deserialize("fingerprints", f))
        .isEqualTo(fingerprint());
  }

  /** The registry may hold the schema without the Java string hints or docs: same bytes. */
  @Test
  void aSchemaWithTheSameLayoutButOtherPropertiesIsReadDirectly() throws Exception {
    Schema plain =
        new Schema.Parser()
            .parse(
                RunEvent.getClassSchema()
                    .toString()
                    .replace(",\"avro.java.string\":\"String\"", "")
                    .replaceAll(",\"doc\":\"[^\"]*\"", ""));
    assertThat(plain).isNotEqualTo(RunEvent.getClassSchema());
    byte[] bytes = framed(plain, generic(plain, event()));

    assertThat(eventDecoder.readsDirectly(TOPIC, id(bytes))).isTrue();
    assertThat(eventDecoder.deserialize(TOPIC, bytes))
        .isEqualTo(events.deserialize(TOPIC, bytes))
        .isEqualTo(event());
  }

  @Test
  void aRecordWithAnExtraFieldGoesThroughTheResolvingReader() throws Exception {
    List<Schema.Field> fields = copyFields(RunEvent.getClassSchema());
    fields.add(6, new Schema.Field("region", Schema.create(Schema.Type.STRING), null, "eu"));
    Schema newer = record(fields);
    GenericRecord r = generic(newer, event());
    r.put("region", "us");
    byte[] bytes = framed(newer, r);

    assertThat(eventDecoder.readsDirectly(TOPIC, id(bytes))).isFalse();
    assertThat(eventDecoder.deserialize(TOPIC, bytes))
        .isEqualTo(events.deserialize(TOPIC, bytes))
        .isEqualTo(event());
  }

  @Test
  void aRecordMissingAnOptionalFieldGoesThroughTheResolvingReader() throws Exception {
    List<Schema.Field> fields = copyFields(RunEvent.getClassSchema());
    fields.removeIf(f -> f.name().equals("logUrl"));
    Schema older = record(fields);
    byte[] bytes = framed(older, generic(older, event()));

    RunEvent expected = RunEvent.newBuilder(event()).setLogUrl(null).build();
    assertThat(eventDecoder.readsDirectly(TOPIC, id(bytes))).isFalse();
    assertThat(eventDecoder.deserialize(TOPIC, bytes))
        .isEqualTo(events.deserialize(TOPIC, bytes))
        .isEqualTo(expected);
  }

  /**
   * A fingerprint from a producer older than column hashes (and normalisation rules): read, without
   * them.
   */
  @Test
  void aFingerprintWrittenBeforeColumnHashesGoesThroughTheResolvingReader() throws Exception {
    List<Schema.Field> fields = copyFields(OutputFingerprint.getClassSchema());
    fields.removeIf(f -> f.name().equals("columnHashes") || f.name().equals("normalisation"));
    Schema older =
        Schema.createRecord("OutputFingerprint", null, "io.dualrun.schemas.avro", false, fields);
    int id = registry.register("writers-value", older);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.write(AvroSerde.MAGIC);
    out.write(ByteBuffer.allocate(4).putInt(id).array());
    BinaryEncoder e = EncoderFactory.get().directBinaryEncoder(out, null);
    new SpecificDatumWriter<OutputFingerprint>(older).write(fingerprint(), e);
    e.flush();
    byte[] bytes = out.toByteArray();

    assertThat(fingerprintDecoder.readsDirectly(TOPIC, id)).isFalse();
    assertThat(fingerprintDecoder.deserialize(TOPIC, bytes))
        .isEqualTo(fingerprints.deserialize(TOPIC, bytes))
        .isEqualTo(
            OutputFingerprint.newBuilder(fingerprint())
                .setColumnHashes(null)
                .setNormalisation(null)
                .build());
  }

  @Test
  void everyTruncationIsASerializationErrorNamingTheTopic() {
    byte[] good = events.serialize(TOPIC, event());
    for (int n = 0; n < good.length; n++) {
      byte[] truncated = Arrays.copyOf(good, n);
      assertThatThrownBy(() -> eventDecoder.deserialize(TOPIC, truncated))
          .as("first %d of %d bytes", n, good.length)
          .isInstanceOf(SerializationException.class)
          .hasMessageStartingWith("topic " + TOPIC + ": ");
    }
    byte[] body = Arrays.copyOf(good, 12);
    assertThatThrownBy(() -> eventDecoder.deserialize(TOPIC, body))
        .hasMessageStartingWith(
            "topic "
                + TOPIC
                + ": cannot decode RunEvent written with schema id "
                + id(good)
                + ": ");
  }

  @Test
  void bytesLeftAfterTheRecordAreReadAsTheSerdeReadsThem() {
    byte[] good = fingerprints.serialize(TOPIC, fingerprint());
    byte[] longer = Arrays.copyOf(good, good.length + 1);
    assertThat(fingerprintDecoder.deserialize(TOPIC, longer))
        .isEqualTo(fingerprints.deserialize(TOPIC, longer))
        .isEqualTo(fingerprint());
  }

  @Test
  void anEnumIndexOutOfRangeIsASerializationError() {
    byte[] bytes = events.serialize(TOPIC, event());
    // eventId "e", workflow "wf", partition "p": the side's index follows at 5 + 2 + 3 + 2.
    int side = 5 + 2 + 3 + 2;
    assertThat(bytes[side]).isEqualTo((byte) 2);
    bytes[side] = 4;
    assertThatThrownBy(() -> eventDecoder.deserialize(TOPIC, bytes))
        .isInstanceOf(SerializationException.class)
        .hasMessageContaining("cannot decode RunEvent")
        .hasMessageContaining("no symbol 2");
  }

  @Test
  void refusesBytesWithoutTheMagicByte() {
    byte[] bytes = events.serialize(TOPIC, event());
    bytes[0] = 1;
    assertThatThrownBy(() -> eventDecoder.deserialize(TOPIC, bytes))
        .isInstanceOf(SerializationException.class)
        .hasMessageContaining(TOPIC)
        .hasMessageContaining("magic byte 0x01");
  }

  @Test
  void refusesUnknownSchemaIds() {
    byte[] bytes = {0, 0, 0, 0x7f, 0x7f, 2, 2};
    assertThatThrownBy(() -> eventDecoder.deserialize(TOPIC, bytes))
        .isInstanceOf(SerializationException.class)
        .hasMessageContaining(TOPIC)
        .hasMessageContaining("schema id 32639");
  }

  @Test
  void nullIsATombstone() {
    assertThat(eventDecoder.deserialize(TOPIC, null)).isNull();
  }

  private static RunEvent event() {
    return new RunEvent(
        "e",
        "wf",
        "p",
        Side.CANDIDATE,
        "airflow",
        "run-7",
        2,
        RunStatus.SUCCEEDED,
        Instant.ofEpochMilli(1_763_600_000_123L),
        "load",
        null,
        "https://logs/é",
        Map.of("team", "data", "日本", "👍"),
        List.of("sales.orders", "日本"),
        List.of("raw.orders"),
        null);
  }

  private static OutputFingerprint fingerprint() {
    return new OutputFingerprint(
        "f",
        "wf",
        "p",
        Side.BASELINE,
        "run-1",
        1,
        "analytics.revenue_daily",
        Instant.ofEpochMilli(1_763_600_000_000L),
        42L,
        "00000000000000ff",
        List.of(new ColumnType("id", "integer"), new ColumnType("amount", "decimal")),
        List.of(
            new ColumnStats("id", 0L, "1", "42", "903"),
            new ColumnStats("amount", 3L, null, null, null)),
        new BucketHashes(List.of("id"), List.of(20L, 22L), List.of("0a", "0b")),
        new ColumnHashes(List.of("id"), List.of(new ColumnHash("amount", "00000000000000aa"))),
        "amount:scale=2;name:trim");
  }

  private static int id(byte[] framed) {
    return ByteBuffer.wrap(framed, 1, 4).getInt();
  }

  private static List<Schema.Field> copyFields(Schema schema) {
    List<Schema.Field> fields = new ArrayList<>();
    for (Schema.Field f : schema.getFields()) {
      fields.add(new Schema.Field(f, f.schema()));
    }
    return fields;
  }

  private static Schema record(List<Schema.Field> fields) {
    return Schema.createRecord("RunEvent", null, "io.dualrun.schemas.avro", false, fields);
  }

  /** {@code e} as a generic record of {@code schema}, which has some or all of its fields. */
  private static GenericRecord generic(Schema schema, RunEvent e) {
    GenericRecordBuilder b = new GenericRecordBuilder(schema);
    for (Schema.Field f : schema.getFields()) {
      Schema.Field own = RunEvent.getClassSchema().getField(f.name());
      if (own == null) {
        continue;
      }
      Object v = e.get(own.pos());
      if (v instanceof Enum<?> symbol) {
        v = new GenericData.EnumSymbol(f.schema(), symbol.name());
      } else if (v instanceof Instant t) {
        v = t.toEpochMilli();
      }
      b.set(f, v);
    }
    return b.build();
  }

  /** {@code r} in the wire format, under the id the registry gives {@code schema}. */
  private byte[] framed(Schema schema, GenericRecord r) throws Exception {
    int id = registry.register("writers-value", schema);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.write(AvroSerde.MAGIC);
    out.write(ByteBuffer.allocate(4).putInt(id).array());
    BinaryEncoder e = EncoderFactory.get().directBinaryEncoder(out, null);
    new GenericDatumWriter<GenericRecord>(schema).write(r, e);
    e.flush();
    return out.toByteArray();
  }
}
