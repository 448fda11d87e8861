package io.dualrun.reconciler.codec;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Shares one {@link String} among the records that carry the same name: an output, a column, a
 * column type, an orchestrator. Such names have few distinct values and come back in every record,
 * so the pairs a reconciler holds (each keeping several fingerprints with their columns) share a
 * few hot instances instead of each holding copies, which it reads again to judge and to store
 * them. A small table of the latest name per slot (hash of the bytes): memory stays bounded
 * whatever the input, and a name that collides or is longer than {@link #MAX_BYTES} is simply
 * decoded anew. Safe to share between threads: a slot holds an immutable entry, and a lost race
 * only costs a decode.
 */
public final class Names {
  static final int SLOTS = 1 << 9;
  static final int MAX_BYTES = 64;

  private record Entry(byte[] bytes, String value) {}

  private final Entry[] table = new Entry[SLOTS];

  /** The UTF-8 text of {@code length} bytes at {@code offset}, as {@code new String} decodes it. */
  public String of(byte[] buf, int offset, int length) {
    if (length > MAX_BYTES) {
      return new String(buf, offset, length, StandardCharsets.UTF_8);
    }
    int h = length;
    for (int i = offset, end = offset + length; i < end; i++) {
      h = 31 * h + buf[i];
    }
    int slot = (h ^ (h >>> 9)) & (SLOTS - 1);
    Entry e = table[slot];
    if (e != null && Arrays.equals(e.bytes, 0, e.bytes.length, buf, offset, offset + length)) {
      return e.value;
    }
    String s = new String(buf, offset, length, StandardCharsets.UTF_8);
    table[slot] = new Entry(Arrays.copyOfRange(buf, offset, offset + length), s);
    return s;
  }
}
