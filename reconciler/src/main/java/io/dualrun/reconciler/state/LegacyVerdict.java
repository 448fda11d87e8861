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
 * The last verdict kept by pair states of formats 1 to 3, written with the Verdict schema before
 * waivers ({@code Verdict-v1.avsc}): read with that schema, resolved to the current one and written
 * again, so that the rest of the reconciler only ever sees current verdict bytes.
 */
final class LegacyVerdict {
  static final Schema VERDICT_V1 = schema();

  private static final SpecificDatumReader<Verdict> READER =
      new SpecificDatumReader<>(VERDICT_V1, Verdict.getClassSchema());
  private static final SpecificDatumWriter<Verdict> WRITER =
      new SpecificDatumWriter<>(Verdict.getClassSchema());

  private LegacyVerdict() {}

  private static Schema schema() {
    try (InputStream in = LegacyVerdict.class.getResourceAsStream("Verdict-v1.avsc")) {
      if (in == null) {
        throw new IllegalStateException("missing resource Verdict-v1.avsc");
      }
      return new Schema.Parser().parse(in);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static ByteBuffer upgrade(ByteBuffer old) throws IOException {
    ByteBuffer b = old.duplicate();
    byte[] data = new byte[b.remaining()];
    b.get(data);
    Verdict v = READER.read(null, DecoderFactory.get().binaryDecoder(data, null));
    ByteArrayOutputStream out = new ByteArrayOutputStream(data.length + 8);
    BinaryEncoder encoder = EncoderFactory.get().binaryEncoder(out, null);
    WRITER.write(v, encoder);
    encoder.flush();
    return ByteBuffer.wrap(out.toByteArray());
  }
}
