package io.dualrun.reconciler.codec;

import java.io.IOException;
import java.time.Instant;
import org.apache.avro.io.Encoder;

/**
 * The Avro binary writes the output writers share: optional values as {@code ["null", T]} unions
 * (branch 0 for null, 1 for a value), timestamps as their epoch milliseconds.
 */
final class AvroWrites {
  private AvroWrites() {}

  static void optionalString(Encoder out, String s) throws IOException {
    if (s == null) {
      out.writeIndex(0);
    } else {
      out.writeIndex(1);
      out.writeString(s);
    }
  }

  static void optionalInt(Encoder out, Integer i) throws IOException {
    if (i == null) {
      out.writeIndex(0);
    } else {
      out.writeIndex(1);
      out.writeInt(i);
    }
  }

  static void optionalLong(Encoder out, Long l) throws IOException {
    if (l == null) {
      out.writeIndex(0);
    } else {
      out.writeIndex(1);
      out.writeLong(l);
    }
  }

  static void optionalTime(Encoder out, Instant t) throws IOException {
    optionalLong(out, t == null ? null : t.toEpochMilli());
  }

  static void time(Encoder out, Instant t) throws IOException {
    out.writeLong(t.toEpochMilli());
  }

  /** Starts an array of {@code n} items, as Avro's own writers do. */
  static void arrayStart(Encoder out, int n) throws IOException {
    out.writeArrayStart();
    out.setItemCount(n);
  }
}
