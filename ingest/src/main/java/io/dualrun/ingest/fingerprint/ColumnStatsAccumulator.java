package io.dualrun.ingest.fingerprint;

import io.dualrun.schemas.avro.ColumnStats;
import java.math.BigDecimal;
import java.math.BigInteger;

/** Null count, minimum, maximum and (numeric columns) exact decimal sum of one column. */
final class ColumnStatsAccumulator {
  private final String name;
  private final ColumnKind kind;
  private long nulls;
  private Object min;
  private Object max;
  private String minText;
  private String maxText;
  private long longSum;
  private BigDecimal bigSum = BigDecimal.ZERO;

  ColumnStatsAccumulator(String name, ColumnKind kind) {
    this.name = name;
    this.kind = kind;
  }

  void add(Object value, String text) {
    if (value == null) {
      nulls++;
      return;
    }
    if (kind.numeric()) {
      addNumber(value, text);
    } else {
      if (minText == null || text.compareTo(minText) < 0) {
        minText = text;
      }
      if (maxText == null || text.compareTo(maxText) > 0) {
        maxText = text;
      }
    }
  }

  private void addNumber(Object value, String text) {
    if (value instanceof Long || value instanceof Integer || value instanceof Short) {
      long v = ((Number) value).longValue();
      try {
        longSum = Math.addExact(longSum, v);
      } catch (ArithmeticException e) {
        bigSum = bigSum.add(BigDecimal.valueOf(longSum)).add(BigDecimal.valueOf(v));
        longSum = 0;
      }
      track(v, text);
      return;
    }
    if (value instanceof Double || value instanceof Float) {
      double d = ((Number) value).doubleValue();
      if (Double.isNaN(d) || Double.isInfinite(d)) {
        return;
      }
      bigSum = bigSum.add(new BigDecimal(text));
      track(d, text);
      return;
    }
    BigDecimal d = value instanceof BigInteger b ? new BigDecimal(b) : new BigDecimal(text);
    bigSum = bigSum.add(d);
    track(d, text);
  }

  @SuppressWarnings({"unchecked", "rawtypes"})
  private void track(Comparable v, String text) {
    if (min == null || v.compareTo(min) < 0) {
      min = v;
      minText = text;
    }
    if (max == null || v.compareTo(max) > 0) {
      max = v;
      maxText = text;
    }
  }

  ColumnStats result() {
    String sum = kind.numeric() ? Canonical.decimal(bigSum.add(BigDecimal.valueOf(longSum))) : null;
    return new ColumnStats(name, nulls, minText, maxText, sum);
  }
}
