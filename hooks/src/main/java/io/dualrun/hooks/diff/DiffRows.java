package io.dualrun.hooks.diff;

import java.nio.charset.StandardCharsets;

/** Sizes of rows as they would cross between sides. */
final class DiffRows {
  private DiffRows() {}

  /** The bytes of a row's encoding: per value a marker, a 4-byte length and the UTF-8 text. */
  static long bytes(DiffRow row) {
    long bytes = 0;
    for (String v : row.key()) {
      bytes += 5 + (v == null ? 0 : v.getBytes(StandardCharsets.UTF_8).length);
    }
    for (String v : row.values()) {
      bytes += 5 + (v == null ? 0 : v.getBytes(StandardCharsets.UTF_8).length);
    }
    return bytes;
  }
}
