package io.dualrun.reconciler.codec;

import io.dualrun.schemas.serde.AvroSerde;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.Encoder;
import org.apache.avro.io.EncoderFactory;
import org.apache.kafka.common.errors.SerializationException;

/**
 * Avro binary written by a hand-written body writer, optionally in the registry's wire format
 * (magic byte, 4-byte schema id, body) — the format of {@link AvroSerde}, failures included: a
 * value that cannot be written is a {@link SerializationException} naming what and why.
 */
public final class FramedWriter {
  /** Writes one value's Avro body. */
  @FunctionalInterface
  public interface Body<T> {
    void write(T value, Encoder out) throws IOException;
  }

  private FramedWriter() {}

  /** The body alone (no header). */
  public static <T> byte[] body(T value, Body<T> body, String what) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(512);
    write(out, value, body, what);
    return out.toByteArray();
  }

  /** The registry's wire format: magic byte, {@code schemaId}, body. */
  public static <T> byte[] framed(int schemaId, T value, Body<T> body, String what) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(512);
    header(out, schemaId);
    write(out, value, body, what);
    return out.toByteArray();
  }

  /** The registry's wire format around a body already written. */
  public static byte[] framed(int schemaId, ByteBuffer body) {
    ByteBuffer b = body.duplicate();
    ByteArrayOutputStream out = new ByteArrayOutputStream(HEADER_BYTES + b.remaining());
    header(out, schemaId);
    if (b.hasArray()) {
      out.write(b.array(), b.arrayOffset() + b.position(), b.remaining());
    } else {
      byte[] copy = new byte[b.remaining()];
      b.get(copy);
      out.writeBytes(copy);
    }
    return out.toByteArray();
  }

  private static final int HEADER_BYTES = 1 + Integer.BYTES;

  private static void header(ByteArrayOutputStream out, int schemaId) {
    out.write(AvroSerde.MAGIC);
    out.writeBytes(ByteBuffer.allocate(Integer.BYTES).putInt(schemaId).array());
  }

  private static <T> void write(ByteArrayOutputStream out, T value, Body<T> body, String what) {
    try {
      BinaryEncoder encoder = EncoderFactory.get().directBinaryEncoder(out, null);
      body.write(value, encoder);
      encoder.flush();
    } catch (IOException | RuntimeException e) {
      throw new SerializationException("cannot encode " + what + ": " + e.getMessage(), e);
    }
  }
}
