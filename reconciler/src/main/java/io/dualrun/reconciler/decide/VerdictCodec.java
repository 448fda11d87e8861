package io.dualrun.reconciler.decide;

import io.dualrun.reconciler.codec.FramedWriter;
import io.dualrun.reconciler.codec.VerdictWriter;
import io.dualrun.schemas.avro.Verdict;
import java.io.IOException;
import java.nio.ByteBuffer;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.specific.SpecificDatumReader;
import org.apache.kafka.common.errors.SerializationException;

/** Avro binary of a Verdict kept inside the pair state (no registry, no header). */
public final class VerdictCodec {
  private static final SpecificDatumReader<Verdict> READER =
      new SpecificDatumReader<>(Verdict.class);

  private VerdictCodec() {}

  /** The verdict's Avro binary ({@link VerdictWriter}: the bytes of Avro's own writer). */
  public static ByteBuffer encode(Verdict v) {
    return ByteBuffer.wrap(FramedWriter.body(v, VerdictWriter::write, "verdict"));
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
