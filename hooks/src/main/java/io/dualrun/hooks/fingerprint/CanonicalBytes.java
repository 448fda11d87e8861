package io.dualrun.hooks.fingerprint;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

/**
 * Writes the UTF-8 bytes of {@link Canonical#text(Object)} straight into a {@link RowBuffer},
 * without the intermediate strings and objects for the common types; anything else goes through
 * {@link Canonical}. The bytes are always exactly those of the canonical text.
 */
final class CanonicalBytes {
  private CanonicalBytes() {}

  /** Appends the canonical text of non-null {@code value}. */
  static void write(Object value, RowBuffer out) {
    if (value instanceof String s) {
      out.putUtf8(s);
    } else if (value instanceof Long l) {
      out.putLong(l);
    } else if (value instanceof Integer || value instanceof Short || value instanceof Byte) {
      out.putLong(((Number) value).longValue());
    } else if (value instanceof BigDecimal d) {
      decimal(d, out);
    } else if (value instanceof Double d) {
      floating(FloatText.of(d), out);
    } else if (value instanceof Float f) {
      floating(FloatText.of(f), out);
    } else {
      temporal(value, out);
    }
  }

  private static void temporal(Object value, RowBuffer out) {
    if (value instanceof LocalDate d) {
      date(d, out);
    } else if (value instanceof LocalDateTime t) {
      timestamp(t, out);
    } else if (value instanceof OffsetDateTime t) {
      timestamp(LocalDateTime.ofEpochSecond(t.toEpochSecond(), t.getNano(), ZoneOffset.UTC), out);
    } else if (value instanceof Instant t) {
      timestamp(LocalDateTime.ofEpochSecond(t.getEpochSecond(), t.getNano(), ZoneOffset.UTC), out);
    } else if (value instanceof Boolean b) {
      out.putUtf8(b ? "true" : "false");
    } else {
      out.putUtf8(Canonical.text(value));
    }
  }

  /** As {@link Canonical#decimal}: plain, no trailing zeros. */
  static void decimal(BigDecimal d, RowBuffer out) {
    if (d.signum() == 0) {
      out.put('0');
    } else if (d.precision() <= 18) {
      plain(d.unscaledValue().longValue(), d.scale(), out);
    } else {
      out.putUtf8(Canonical.decimal(d));
    }
  }

  private static void plain(long unscaled, int scale, RowBuffer out) {
    while (unscaled % 10 == 0) {
      unscaled /= 10;
      scale--;
    }
    out.putPlain(unscaled, scale);
  }

  /**
   * As {@link Canonical#floating}: {@code javaText} is {@link FloatText#of} of the value ({@code
   * 12.5}, {@code 1.0E-5}, {@code NaN}…), written as a plain decimal without trailing zeros.
   */
  static void floating(String javaText, RowBuffer out) {
    int i = javaText.startsWith("-") ? 1 : 0;
    int n = javaText.length();
    if (n == i || !isDigit(javaText.charAt(i))) {
      out.putUtf8(javaText);
      return;
    }
    long unscaled = 0;
    int digits = 0;
    int fraction = 0;
    boolean point = false;
    for (; i < n; i++) {
      char c = javaText.charAt(i);
      if (c == '.') {
        point = true;
      } else if (isDigit(c)) {
        unscaled = unscaled * 10 + (c - '0');
        digits += unscaled == 0 ? 0 : 1;
        fraction += point ? 1 : 0;
      } else {
        break;
      }
    }
    int exponent = i < n ? Integer.parseInt(javaText, i + 1, n, 10) : 0;
    if (digits > 18) {
      out.putUtf8(Canonical.decimal(new BigDecimal(javaText)));
    } else if (unscaled == 0) {
      out.put('0');
    } else {
      plain(javaText.charAt(0) == '-' ? -unscaled : unscaled, fraction - exponent, out);
    }
  }

  private static boolean isDigit(char c) {
    return c >= '0' && c <= '9';
  }

  /** As {@link LocalDate#toString()}. */
  static void date(LocalDate d, RowBuffer out) {
    int year = d.getYear();
    if (year < 0 || year > 9999) {
      out.putUtf8(d.toString());
      return;
    }
    out.putPadded(year, 4);
    out.put('-');
    out.putPadded(d.getMonthValue(), 2);
    out.put('-');
    out.putPadded(d.getDayOfMonth(), 2);
  }

  /** As {@link Canonical#timestamp} of {@code t} taken as UTC. */
  static void timestamp(LocalDateTime t, RowBuffer out) {
    if (t.getYear() < 0 || t.getYear() > 9999) {
      out.putUtf8(Canonical.timestamp(t.toInstant(ZoneOffset.UTC)));
      return;
    }
    date(t.toLocalDate(), out);
    out.put('T');
    out.putPadded(t.getHour(), 2);
    out.put(':');
    out.putPadded(t.getMinute(), 2);
    out.put(':');
    out.putPadded(t.getSecond(), 2);
    out.put('.');
    out.putPadded(t.getNano() / 1000, 6);
    out.put('Z');
  }
}
