package io.dualrun.reconciler.codec;

import java.io.EOFException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.apache.avro.AvroRuntimeException;

/**
 * Avro binary reads over one record's bytes, as Avro's {@code BinaryDecoder} reads them (zig-zag
 * varints, length-prefixed UTF-8 strings, array and map blocks), but straight from the array: a
 * string is decoded once into its {@link String} rather than into a scratch {@code Utf8} and
 * copied, and names (outputs, columns) come from a shared {@link Names}. Not thread-safe: one per
 * record.
 */
public final class AvroInput {
  private final byte[] buf;
  private final int limit;
  private final Names names;
  private int pos;

  public AvroInput(byte[] buf, int offset, int length, Names names) {
    this.buf = buf;
    this.pos = offset;
    this.limit = offset + length;
    this.names = names;
  }

  /** Whether every byte was read. */
  public boolean isEnd() {
    return pos == limit;
  }

  public int readInt() throws IOException {
    int n = 0;
    for (int shift = 0; shift < 32; shift += 7) {
      int b = next();
      n |= (b & 0x7f) << shift;
      if ((b & 0x80) == 0) {
        return (n >>> 1) ^ -(n & 1);
      }
    }
    throw new AvroRuntimeException("Invalid int encoding");
  }

  public long readLong() throws IOException {
    long n = 0;
    for (int shift = 0; shift < 64; shift += 7) {
      long b = next();
      n |= (b & 0x7f) << shift;
      if ((b & 0x80) == 0) {
        return (n >>> 1) ^ -(n & 1);
      }
    }
    throw new AvroRuntimeException("Invalid long encoding");
  }

  /** An enum symbol's or a union branch's index. */
  public int readIndex() throws IOException {
    return readInt();
  }

  public String readString() throws IOException {
    int length = stringLength();
    String s = new String(buf, pos, length, StandardCharsets.UTF_8);
    pos += length;
    return s;
  }

  /** A name (output, column, type, orchestrator): the instance shared by {@link Names}. */
  public String readName() throws IOException {
    int length = stringLength();
    String s = names.of(buf, pos, length);
    pos += length;
    return s;
  }

  /** The item count of an array's or map's first block (0: empty). */
  public long readBlockStart() throws IOException {
    return blockCount();
  }

  /** The item count of the next block (0: no more blocks). */
  public long readBlockNext() throws IOException {
    return blockCount();
  }

  private long blockCount() throws IOException {
    long n = readLong();
    if (n < 0) {
      readLong(); // the block's byte size, written when the count is negative
      n = -n;
    }
    return n;
  }

  private int stringLength() throws IOException {
    int length = readInt();
    if (length < 0) {
      throw new AvroRuntimeException("Malformed data. Length is negative: " + length);
    }
    if (length > limit - pos) {
      throw new EOFException(
          "string of " + length + " bytes, " + (limit - pos) + " bytes left in the record");
    }
    return length;
  }

  private int next() throws EOFException {
    if (pos >= limit) {
      throw new EOFException("end of the record's bytes");
    }
    return buf[pos++] & 0xff;
  }
}
