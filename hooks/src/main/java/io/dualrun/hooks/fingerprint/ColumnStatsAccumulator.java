package io.dualrun.hooks.fingerprint;

import io.dualrun.schemas.ColumnKind;
import io.dualrun.schemas.avro.ColumnStats;
import java.math.BigDecimal;
import java.math.BigInteger;

/**
 * Null count, minimum, maximum and (numeric columns) exact decimal sum of one column. Values come
 * with their canonical text in a {@link RowBuffer}; a text is made a String only when it becomes
 * the minimum or the maximum.
 */
final class ColumnStatsAccumulator {
  private final String name;
  private final ColumnKind kind;
  private final DecimalSum sum = new DecimalSum();
  private long nulls;
  private Object min;
  private Object max;
  private final Extreme minText = new Extreme();
  private final Extreme maxText = new Extreme();

  ColumnStatsAccumulator(String name, ColumnKind kind) {
    this.name = name;
    this.kind = kind;
  }

  void addNull() {
    nulls++;
  }

  /** Adds non-null {@code value}, whose canonical text is {@code length} bytes at {@code from}. */
  void add(Object value, RowBuffer text, int from, int length) {
    if (kind.numeric()) {
      addNumber(value, text, from, length);
    } else if (value instanceof String s) {
      addText(s);
    } else {
      addText(text, from, length);
    }
  }

  private void addText(String text) {
    if (minText.isEmpty() || minText.compareTo(text) < 0) {
      minText.set(text);
    }
    if (maxText.isEmpty() || maxText.compareTo(text) > 0) {
      maxText.set(text);
    }
  }

  private void addText(RowBuffer text, int from, int length) {
    if (!Ascii.is(text.bytes(), from, length)) {
      addText(text.text(from, length));
      return;
    }
    if (minText.isEmpty() || minText.compareTo(text.bytes(), from, length) < 0) {
      minText.set(text.bytes(), from, length);
    }
    if (maxText.isEmpty() || maxText.compareTo(text.bytes(), from, length) > 0) {
      maxText.set(text.bytes(), from, length);
    }
  }

  /** Sets {@code extreme} to the text at {@code from}. */
  private static void set(Extreme extreme, RowBuffer text, int from, int length) {
    if (Ascii.is(text.bytes(), from, length)) {
      extreme.set(text.bytes(), from, length);
    } else {
      extreme.set(text.text(from, length));
    }
  }

  private void addNumber(Object value, RowBuffer text, int from, int length) {
    if (value instanceof Long || value instanceof Integer || value instanceof Short) {
      long v = ((Number) value).longValue();
      sum.add(v, 0);
      if (min == null || v < (Long) min) {
        min = v;
        set(minText, text, from, length);
      }
      if (max == null || v > (Long) max) {
        max = v;
        set(maxText, text, from, length);
      }
      return;
    }
    if (value instanceof Double || value instanceof Float) {
      addFloating(((Number) value).doubleValue(), text, from, length);
      return;
    }
    sum.add(text.bytes(), from, length, text);
    BigDecimal d =
        value instanceof BigDecimal b
            ? b
            : value instanceof BigInteger b
                ? new BigDecimal(b)
                : new BigDecimal(text.text(from, length));
    track(d, text, from, length);
  }

  private void addFloating(double d, RowBuffer text, int from, int length) {
    if (Double.isNaN(d) || Double.isInfinite(d)) {
      return;
    }
    sum.add(text.bytes(), from, length, text);
    if (min == null || Double.compare(d, (Double) min) < 0) {
      min = d;
      set(minText, text, from, length);
    }
    if (max == null || Double.compare(d, (Double) max) > 0) {
      max = d;
      set(maxText, text, from, length);
    }
  }

  @SuppressWarnings({"unchecked", "rawtypes"})
  private void track(Comparable v, RowBuffer text, int from, int length) {
    if (min == null || v.compareTo(min) < 0) {
      min = v;
      set(minText, text, from, length);
    }
    if (max == null || v.compareTo(max) > 0) {
      max = v;
      set(maxText, text, from, length);
    }
  }

  ColumnStats result() {
    String total = kind.numeric() ? Canonical.decimal(sum.total()) : null;
    return new ColumnStats(name, nulls, minText.toString(), maxText.toString(), total);
  }
}
