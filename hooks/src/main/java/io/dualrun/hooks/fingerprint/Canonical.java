package io.dualrun.hooks.fingerprint;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;
import java.util.Locale;

/**
 * The canonical text of a value (docs/fingerprint.md): equal data gives equal text whatever the
 * database's physical type. Null stays null (encoded by {@link RowEncoder} as its own marker).
 */
public final class Canonical {
  private static final DateTimeFormatter TIMESTAMP =
      DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSSSS'Z'", Locale.ROOT);
  private static final DateTimeFormatter TIME =
      DateTimeFormatter.ofPattern("HH:mm:ss.SSSSSS", Locale.ROOT);

  private Canonical() {}

  /** The canonical text of {@code value}, by its Java type; null for null. */
  public static String text(Object value) {
    if (value == null) {
      return null;
    }
    if (value instanceof String s) {
      return s;
    }
    if (value instanceof Long
        || value instanceof Integer
        || value instanceof Short
        || value instanceof Byte
        || value instanceof BigInteger) {
      return value.toString();
    }
    if (value instanceof BigDecimal d) {
      return decimal(d);
    }
    if (value instanceof Double d) {
      return floating(d);
    }
    if (value instanceof Float f) {
      return floating(f);
    }
    if (value instanceof Boolean b) {
      return b ? "true" : "false";
    }
    return temporalOrBytes(value);
  }

  private static String temporalOrBytes(Object value) {
    if (value instanceof LocalDate d) {
      return d.toString();
    }
    if (value instanceof LocalDateTime t) {
      return timestamp(t.toInstant(ZoneOffset.UTC));
    }
    if (value instanceof OffsetDateTime t) {
      return timestamp(t.toInstant());
    }
    if (value instanceof ZonedDateTime t) {
      return timestamp(t.toInstant());
    }
    if (value instanceof Instant t) {
      return timestamp(t);
    }
    if (value instanceof LocalTime t) {
      return t.truncatedTo(ChronoUnit.MICROS).format(TIME);
    }
    if (value instanceof byte[] bytes) {
      return HexFormat.of().formatHex(bytes);
    }
    return value.toString();
  }

  /** Plain decimal text without trailing zeros: 1.50 → 1.5, 100.00 → 100, -0.0 → 0. */
  public static String decimal(BigDecimal d) {
    if (d.signum() == 0) {
      return "0";
    }
    return d.stripTrailingZeros().toPlainString();
  }

  /** The shortest text that reads back as the same double, as a plain decimal. */
  public static String floating(double d) {
    if (Double.isNaN(d)) {
      return "NaN";
    }
    if (Double.isInfinite(d)) {
      return d > 0 ? "Infinity" : "-Infinity";
    }
    return decimal(new BigDecimal(FloatText.of(d)));
  }

  /** Same for a 4-byte float (its own shortest text, not that of its widened double). */
  public static String floating(float f) {
    if (Float.isNaN(f) || Float.isInfinite(f)) {
      return floating((double) f);
    }
    return decimal(new BigDecimal(FloatText.of(f)));
  }

  /** UTC, always six fraction digits: 2026-11-20T07:05:00.000000Z. */
  public static String timestamp(Instant t) {
    return TIMESTAMP.format(t.truncatedTo(ChronoUnit.MICROS).atOffset(ZoneOffset.UTC));
  }
}
