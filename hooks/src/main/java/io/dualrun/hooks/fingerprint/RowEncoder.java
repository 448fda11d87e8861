package io.dualrun.hooks.fingerprint;

import java.nio.charset.StandardCharsets;
import java.security.DigestException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The 64-bit hash of a row: the first 8 bytes (big-endian) of the SHA-256 of its encoding, where
 * each value in turn is {@code 0x00} for null, or {@code 0x01}, its UTF-8 length as 4 big-endian
 * bytes, then its UTF-8 bytes. Not thread-safe: one encoder per thread.
 */
public final class RowEncoder {
  private final MessageDigest digest;
  private final byte[] sha = new byte[32];

  public RowEncoder() {
    try {
      digest = MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is not available", e);
    }
  }

  /** The hash of {@code values} (canonical texts, null for null) at {@code positions}. */
  public long hash(String[] values, int[] positions) {
    RowBuffer row = new RowBuffer();
    for (int p : positions) {
      encode(values[p], row);
    }
    return hash(row.bytes(), 0, row.size());
  }

  private static void encode(String value, RowBuffer row) {
    if (value == null) {
      row.put(0);
      return;
    }
    byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
    row.put(1);
    row.putLengthAt(row.reserveLength(), bytes.length);
    row.put(bytes);
  }

  /** The hash of an already encoded row: {@code length} bytes at {@code from}. */
  long hash(byte[] encoded, int from, int length) {
    digest.update(encoded, from, length);
    return finish();
  }

  /** The hash of the encoded values {@code [starts[p], ends[p])} for p in {@code positions}. */
  long hash(byte[] encoded, int[] starts, int[] ends, int[] positions) {
    for (int p : positions) {
      digest.update(encoded, starts[p], ends[p] - starts[p]);
    }
    return finish();
  }

  private long finish() {
    try {
      digest.digest(sha, 0, sha.length);
    } catch (DigestException e) {
      throw new IllegalStateException(e);
    }
    long out = 0;
    for (int i = 0; i < 8; i++) {
      out = (out << 8) | (sha[i] & 0xFF);
    }
    return out;
  }

  /** 16 lower-case hex digits. */
  public static String hex(long hash) {
    return HexFormat.of().toHexDigits(hash);
  }
}
