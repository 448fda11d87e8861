package io.dualrun.ingest.fingerprint;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * The 64-bit hash of a row: the first 8 bytes (big-endian) of the SHA-256 of its encoding, where
 * each value in turn is {@code 0x00} for null, or {@code 0x01}, its UTF-8 length as 4 big-endian
 * bytes, then its UTF-8 bytes. Not thread-safe: one encoder per thread.
 */
public final class RowEncoder {
  private final MessageDigest digest;
  private final byte[] length = new byte[4];

  public RowEncoder() {
    try {
      digest = MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is not available", e);
    }
  }

  /** The hash of {@code values} (canonical texts, null for null) at {@code positions}. */
  public long hash(String[] values, int[] positions) {
    for (int p : positions) {
      String v = values[p];
      if (v == null) {
        digest.update((byte) 0);
      } else {
        byte[] bytes = v.getBytes(StandardCharsets.UTF_8);
        digest.update((byte) 1);
        int n = bytes.length;
        length[0] = (byte) (n >>> 24);
        length[1] = (byte) (n >>> 16);
        length[2] = (byte) (n >>> 8);
        length[3] = (byte) n;
        digest.update(length);
        digest.update(bytes);
      }
    }
    byte[] h = digest.digest();
    long out = 0;
    for (int i = 0; i < 8; i++) {
      out = (out << 8) | (h[i] & 0xFF);
    }
    return out;
  }

  /** 16 lower-case hex digits. */
  public static String hex(long hash) {
    return String.format("%016x", hash);
  }
}
