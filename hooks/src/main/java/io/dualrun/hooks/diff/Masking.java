package io.dualrun.hooks.diff;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Sensitive columns' values replaced, on the side that reads them, by {@code hmac:} and the first 8
 * bytes (hex) of their HMAC-SHA256 under a key made for one diff: equal values stay equal within
 * the diff (so rows still match and a change still shows), nothing else of the value leaves the
 * side, and hashes of two diffs cannot be linked. Null stays null.
 */
public final class Masking {
  public static final Masking NONE = new Masking(Set.of(), new byte[32]);
  private static final String PREFIX = "hmac:";

  private final Set<String> columns;
  private final byte[] key;

  private Masking(Set<String> columns, byte[] key) {
    this.columns = columns;
    this.key = key.clone();
  }

  /** Masks {@code columns} (any case) under a fresh random key. */
  public static Masking of(Set<String> columns) {
    byte[] key = new byte[32];
    new SecureRandom().nextBytes(key);
    return new Masking(
        columns.stream()
            .map(c -> c.toLowerCase(Locale.ROOT))
            .collect(Collectors.toUnmodifiableSet()),
        key);
  }

  /**
   * Masks {@code columns} under a key derived from {@code secret} and {@code drillId}: two side
   * agents sharing the secret mask equal values equally within one drill-down, and nobody without
   * the secret (the asker included) can test a guess.
   */
  public static Masking derived(Set<String> columns, byte[] secret, String drillId) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(secret, "HmacSHA256"));
      byte[] key = mac.doFinal(drillId.getBytes(StandardCharsets.UTF_8));
      return new Masking(
          columns.stream()
              .map(c -> c.toLowerCase(Locale.ROOT))
              .collect(Collectors.toUnmodifiableSet()),
          key);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is not available", e);
    }
  }

  public Set<String> columns() {
    return columns;
  }

  /** {@code row} with the values of the masked columns replaced. */
  DiffRow apply(DiffRow row, List<String> names, List<String> keyNames) {
    if (columns.isEmpty()) {
      return row;
    }
    return new DiffRow(mask(row.key(), keyNames), mask(row.values(), names));
  }

  private List<String> mask(List<String> values, List<String> names) {
    List<String> out = new ArrayList<>(values.size());
    for (int i = 0; i < values.size(); i++) {
      String v = values.get(i);
      out.add(v == null || !columns.contains(names.get(i)) ? v : hash(v));
    }
    return java.util.Collections.unmodifiableList(out);
  }

  private String hash(String value) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(key, "HmacSHA256"));
      byte[] h = mac.doFinal(value.getBytes(StandardCharsets.UTF_8));
      return PREFIX + HexFormat.of().formatHex(h, 0, 8);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is not available", e);
    }
  }
}
