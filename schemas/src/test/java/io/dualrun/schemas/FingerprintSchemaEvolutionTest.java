package io.dualrun.schemas;

import static org.assertj.core.api.Assertions.assertThat;

import io.dualrun.schemas.avro.ColumnHash;
import io.dualrun.schemas.avro.ColumnHashes;
import io.dualrun.schemas.avro.OutputFingerprint;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.avro.Schema;
import org.apache.avro.SchemaCompatibility;
import org.apache.avro.SchemaCompatibility.SchemaCompatibilityType;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.io.Encoder;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificDatumReader;
import org.apache.avro.specific.SpecificDatumWriter;
import org.junit.jupiter.api.Test;

/**
 * {@code columnHashes}, then {@code normalisation}, were added to {@code OutputFingerprint} under
 * the registry's BACKWARD rule: the current schema reads records written before them (the fields
 * read as null), and a reader of the previous schema still reads the new records (it skips them).
 */
class FingerprintSchemaEvolutionTest {
  /** The schema before {@code columnHashes}: the current one without the fields added since. */
  static Schema previous() {
    Schema current = OutputFingerprint.getClassSchema();
    List<Schema.Field> fields = new ArrayList<>();
    for (Schema.Field f : current.getFields()) {
      if (!f.name().equals("columnHashes") && !f.name().equals("normalisation")) {
        fields.add(new Schema.Field(f, f.schema()));
      }
    }
    return Schema.createRecord(
        current.getName(), current.getDoc(), current.getNamespace(), false, fields);
  }

  @Test
  void theCurrentSchemaReadsRecordsWrittenBeforeColumnHashesAndTheReverse() {
    Schema current = OutputFingerprint.getClassSchema();
    assertThat(current.getField("columnHashes").hasDefaultValue()).isTrue();
    assertThat(SchemaCompatibility.checkReaderWriterCompatibility(current, previous()).getType())
        .isEqualTo(SchemaCompatibilityType.COMPATIBLE);
    assertThat(SchemaCompatibility.checkReaderWriterCompatibility(previous(), current).getType())
        .isEqualTo(SchemaCompatibilityType.COMPATIBLE);
  }

  @Test
  void anOldRecordReadsWithoutColumnHashesAndANewOneKeepsThem() throws IOException {
    OutputFingerprint f = Records.fingerprint();
    // the fields of the previous schema, in its layout: what producers before the field wrote
    byte[] oldBytes = write(new SpecificDatumWriter<>(previous()), f);
    OutputFingerprint read =
        new SpecificDatumReader<OutputFingerprint>(previous(), OutputFingerprint.getClassSchema())
            .read(null, DecoderFactory.get().binaryDecoder(oldBytes, null));
    assertThat(read).isEqualTo(f);
    assertThat(read.getColumnHashes()).isNull();
    assertThat(read.getNormalisation()).isNull();

    f.setColumnHashes(
        new ColumnHashes(List.of("day"), List.of(new ColumnHash("amount", "0123456789abcdef"))));
    f.setNormalisation("amount:scale=2");
    byte[] newBytes = write(new SpecificDatumWriter<>(OutputFingerprint.class), f);
    GenericRecord byOldReader =
        new GenericDatumReader<GenericRecord>(OutputFingerprint.getClassSchema(), previous())
            .read(null, DecoderFactory.get().binaryDecoder(newBytes, null));
    assertThat(byOldReader.get("rowCount")).isEqualTo(f.getRowCount());
    assertThat(byOldReader.hasField("columnHashes")).isFalse();
    assertThat(byOldReader.hasField("normalisation")).isFalse();
  }

  private static <T> byte[] write(org.apache.avro.io.DatumWriter<T> writer, T value)
      throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    Encoder e = EncoderFactory.get().binaryEncoder(out, null);
    writer.write(value, e);
    e.flush();
    return out.toByteArray();
  }
}
