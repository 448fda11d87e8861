package io.dualrun.reconciler.state;

import io.dualrun.schemas.avro.Verdict;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import org.apache.avro.Schema;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificDatumReader;
import org.apache.avro.specific.SpecificDatumWriter;

/**
 * The last verdict kept by pair states of older formats, written with the Verdict schema of their
 * time: before waivers for formats 1 to 3 ({@code Verdict-v1.avsc}), before findings named columns
 * for format 4 ({@code Verdict-v2.avsc}), before findings carried a root-cause hint for format 5
 * ({@code Verdict-v3.avsc}). Read with that schema, resolved to the current one and written again,
 * so that the rest of the reconciler only ever sees current verdict bytes.
 */
final class LegacyVerdict {
  static final Schema VERDICT_V1 = schema("Verdict-v1.avsc");

  static final Schema VERDICT_V2 = schema("Verdict-v2.avsc");

  static final Schema VERDICT_V3 = schema("Verdict-v3.avsc");

  private static final SpecificDatumReader<Verdict> READER_V1 =
      new SpecificDatumReader<>(VERDICT_V1, Verdict.getClassSchema());
  private static final SpecificDatumReader<Verdict> READER_V2 =
      new SpecificDatumReader<>(VERDICT_V2, Verdict.getClassSchema());
  private static final SpecificDatumReader<Verdict> READER_V3 =
      new SpecificDatumReader<>(VERDICT_V3, Verdict.getClassSchema());
  private static final SpecificDatumWriter<Verdict> WRITER =
      new SpecificDatumWriter<>(Verdict.getClassSchema());

  private LegacyVerdict() {}

  private static Schema schema(String resource) {
    try (InputStream in = LegacyVerdict.class.getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException("missing resource " + resource);
      }
      return new Schema.Parser().parse(in);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** {@code old}: a last verdict as kept by a pair state of format {@code format}. */
  static ByteBuffer upgrade(ByteBuffer old, int format) throws IOException {
    ByteBuffer b = old.duplicate();
    byte[] data = new byte[b.remaining()];
    b.get(data);
    SpecificDatumReader<Verdict> reader =
        format <= 3 ? READER_V1 : format == 4 ? READER_V2 : READER_V3;
    Verdict v = reader.read(null, DecoderFactory.get().binaryDecoder(data, null));
    ByteArrayOutputStream out = new ByteArrayOutputStream(data.length + 8);
    BinaryEncoder encoder = EncoderFactory.get().binaryEncoder(out, null);
    WRITER.write(v, encoder);
    encoder.flush();
    return ByteBuffer.wrap(out.toByteArray());
  }
}
