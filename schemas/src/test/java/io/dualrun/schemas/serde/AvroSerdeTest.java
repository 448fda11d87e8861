package io.dualrun.schemas.serde;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dualrun.registry.SchemaRegistry;
import io.dualrun.schemas.Records;
import io.dualrun.schemas.avro.OutputFingerprint;
import io.dualrun.schemas.avro.RunEvent;
import java.nio.ByteBuffer;
import org.apache.kafka.common.errors.SerializationException;
import org.junit.jupiter.api.Test;

class AvroSerdeTest {
  private final SchemaRegistry registry = SchemaRegistry.inMemory();

  @Test
  void writesConfluentWireFormatAndReadsItBack() throws Exception {
    AvroSerde<RunEvent> serde = new AvroSerde<>(registry, RunEvent.class, false, true);
    byte[] bytes = serde.serialize("t", Records.runEvent());

    assertThat(bytes[0]).isEqualTo((byte) 0);
    int id = ByteBuffer.wrap(bytes, 1, 4).getInt();
    assertThat(registry.byId(id)).isEqualTo(RunEvent.getClassSchema());
    assertThat(registry.latestId("t-value")).isEqualTo(id);
    assertThat(serde.deserialize("t", bytes)).isEqualTo(Records.runEvent());
  }

  @Test
  void roundTripsNestedRecords() {
    AvroSerde<OutputFingerprint> serde =
        new AvroSerde<>(registry, OutputFingerprint.class, false, true);
    OutputFingerprint f = Records.fingerprint();
    assertThat(serde.deserialize("f", serde.serialize("f", f))).isEqualTo(f);
  }

  @Test
  void nullIsATombstone() {
    AvroSerde<RunEvent> serde = new AvroSerde<>(registry, RunEvent.class, false, true);
    assertThat(serde.serialize("t", null)).isNull();
    assertThat(serde.deserialize("t", null)).isNull();
  }

  @Test
  void refusesBytesWithoutTheMagicByte() {
    AvroSerde<RunEvent> serde = new AvroSerde<>(registry, RunEvent.class, false, true);
    assertThatThrownBy(() -> serde.deserialize("topic-x", "{\"json\":true}".getBytes()))
        .isInstanceOf(SerializationException.class)
        .hasMessageContaining("topic-x")
        .hasMessageContaining("magic byte 0x7b");
  }

  @Test
  void refusesTooShortRecords() {
    AvroSerde<RunEvent> serde = new AvroSerde<>(registry, RunEvent.class, false, true);
    assertThatThrownBy(() -> serde.deserialize("t", new byte[] {0, 0}))
        .isInstanceOf(SerializationException.class)
        .hasMessageContaining("too short");
  }

  @Test
  void refusesUnknownSchemaIds() {
    AvroSerde<RunEvent> serde = new AvroSerde<>(registry, RunEvent.class, false, true);
    byte[] bytes = {0, 0, 0, 0x7f, 0x7f, 2, 2};
    assertThatThrownBy(() -> serde.deserialize("t", bytes))
        .isInstanceOf(SerializationException.class)
        .hasMessageContaining("schema id 32639");
  }

  @Test
  void refusesTruncatedAvroBody() {
    AvroSerde<RunEvent> serde = new AvroSerde<>(registry, RunEvent.class, false, true);
    byte[] good = serde.serialize("t", Records.runEvent());
    byte[] truncated = java.util.Arrays.copyOf(good, 12);
    assertThatThrownBy(() -> serde.deserialize("t", truncated))
        .isInstanceOf(SerializationException.class)
        .hasMessageContaining("cannot decode RunEvent");
  }

  @Test
  void withoutAutoRegistrationAnUnregisteredSchemaIsAnError() {
    AvroSerde<RunEvent> serde = new AvroSerde<>(registry, RunEvent.class, false, false);
    assertThatThrownBy(() -> serde.serialize("unregistered", Records.runEvent()))
        .isInstanceOf(SerializationException.class)
        .hasMessageContaining("cannot find schema io.dualrun.schemas.avro.RunEvent")
        .hasMessageContaining("unregistered-value");
  }
}
