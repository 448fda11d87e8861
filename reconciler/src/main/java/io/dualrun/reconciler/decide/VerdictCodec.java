package io.dualrun.reconciler.decide;

import io.dualrun.schemas.avro.Verdict;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificDatumReader;
import org.apache.avro.specific.SpecificDatumWriter;
import org.apache.kafka.common.errors.SerializationException;

/** Avro binary of a Verdict kept inside the pair state (no registry, no header). */
public final class VerdictCodec {
  private static final SpecificDatumWriter<Verdict> WRITER =
      new SpecificDatumWriter<>(Verdict.class);
  private static final SpecificDatumReader<Verdict> READER =
      new SpecificDatumReader<>(Verdict.class);

  private VerdictCodec() {}

  public static ByteBuffer encode(Verdict v) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(512);
    try {
      BinaryEncoder encoder = EncoderFactory.get().directBinaryEncoder(out, null);
      WRITER.write(v, encoder);
      encoder.flush();
    } catch (IOException e) {
      throw new SerializationException("cannot encode verdict: " + e.getMessage(), e);
    }
    return ByteBuffer.wrap(out.toByteArray());
  }

  public static Verdict decode(ByteBuffer bytes) {
    if (bytes == null) {
      return null;
    }
    ByteBuffer b = bytes.duplicate();
    byte[] data = new byte[b.remaining()];
    b.get(data);
    try {
      return READER.read(null, DecoderFactory.get().binaryDecoder(data, null));
    } catch (IOException e) {
      throw new SerializationException("cannot decode verdict: " + e.getMessage(), e);
    }
  }
}
