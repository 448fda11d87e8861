package io.dualrun.hooks.fingerprint;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import net.jpountz.xxhash.XXHash64;
import net.jpountz.xxhash.XXHashFactory;

/**
 * The column hashes of docs/fingerprint.md ("Column hashes"), computed the plain way, straight from
 * the text and independently of {@link Fingerprinter}: canonical texts in, a cell encoded with a
 * {@link DataOutputStream}, the key hash with a fresh SHA-256, XXH64 from lz4-java's safe
 * (array-indexing) instance, the sum as a {@link BigInteger} mod 2^64.
 */
final class ColumnHashSpec {
  private static final XXHash64 XXH64 = XXHashFactory.safeInstance().hash64();
  private static final BigInteger MOD = BigInteger.ONE.shiftLeft(64);

  private ColumnHashSpec() {}

  /** The cell encoding: {@code 00} for null; {@code 01}, 4-byte big-endian length, UTF-8 text. */
  static byte[] cell(String text) {
    try {
      ByteArrayOutputStream bytes = new ByteArrayOutputStream();
      DataOutputStream out = new DataOutputStream(bytes);
      if (text == null) {
        out.writeByte(0);
      } else {
        byte[] utf8 = text.getBytes(StandardCharsets.UTF_8);
        out.writeByte(1);
        out.writeInt(utf8.length);
        out.write(utf8);
      }
      out.flush();
      return bytes.toByteArray();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** First 8 bytes of the SHA-256 of the key columns' cells, concatenated in key order. */
  static long keyHash(String[] keyTexts) {
    try {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      for (String t : keyTexts) {
        sha.update(cell(t));
      }
      return new BigInteger(1, Arrays.copyOf(sha.digest(), 8)).longValue();
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  static long cellHash(String text, long seed) {
    byte[] cell = cell(text);
    return XXH64.hash(cell, 0, cell.length, seed);
  }

  /**
   * The column hashes of {@code rows} (canonical texts, null for null, in the order of {@code
   * names}), keyed by {@code keyColumns} (empty: no key), by column name in {@code names}' order.
   */
  static Map<String, String> hashes(
      List<String> names, List<String> keyColumns, List<String[]> rows) {
    BigInteger[] sums = new BigInteger[names.size()];
    Arrays.fill(sums, BigInteger.ZERO);
    for (String[] row : rows) {
      String[] key = keyColumns.stream().map(k -> row[names.indexOf(k)]).toArray(String[]::new);
      long keyHash = keyColumns.isEmpty() ? 0 : keyHash(key);
      for (int c = 0; c < names.size(); c++) {
        long seed = keyColumns.contains(names.get(c)) ? 0 : keyHash;
        long h = cellHash(row[c], seed);
        sums[c] = sums[c].add(new BigInteger(Long.toUnsignedString(h)));
      }
    }
    Map<String, String> out = new LinkedHashMap<>();
    for (int c = 0; c < names.size(); c++) {
      out.put(names.get(c), String.format("%016x", sums[c].mod(MOD)));
    }
    return out;
  }
}
