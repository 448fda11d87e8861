package io.dualrun.hooks.fingerprint;

import io.dualrun.schemas.ColumnKind;
import io.dualrun.schemas.normalise.ColumnRule;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.Locale;
import java.util.function.UnaryOperator;

/**
 * One column's {@link ColumnRule} applied to its values before they are encoded
 * (docs/fingerprint.md, Normalisation): timestamps first read in the rule's zone when naive, then
 * truncated; numbers rounded half-even to the scale; text trimmed of spaces, lower-cased, then ''
 * made NULL. A rule is refused for a column of a type it does not apply to.
 */
final class ValueNormaliser implements UnaryOperator<Object> {
  private final ColumnRule rule;
  private final ChronoUnit truncate;

  private ValueNormaliser(ColumnRule rule) {
    this.rule = rule;
    this.truncate = rule.precision() == null ? null : rule.precision().unit();
  }

  /**
   * The normaliser of {@code column} under {@code rule}; null when the rule changes no value.
   *
   * @throws IllegalArgumentException when a rule does not apply to the column's type
   */
  static ValueNormaliser of(ColumnRule rule, Column column) {
    if (rule == null || !rule.changesValues()) {
      return null;
    }
    ColumnKind kind = column.kind();
    if (rule.scale() != null && !kind.numeric()) {
      refuse(column, "scale applies to numeric columns");
    }
    if (rule.timestampRules() && kind != ColumnKind.TIMESTAMP) {
      refuse(column, "precision and timezone apply to timestamp columns");
    }
    if (rule.textRules() && kind != ColumnKind.TEXT && kind != ColumnKind.OTHER) {
      refuse(column, "trim, case-insensitive and empty-is-null apply to text columns");
    }
    return new ValueNormaliser(rule);
  }

  /** The type a column has in the fingerprint under {@code rule}: decimal once rounded. */
  static ColumnKind kindUnder(ColumnRule rule, ColumnKind kind) {
    return rule != null && rule.scale() != null && kind.numeric() ? ColumnKind.DECIMAL : kind;
  }

  private static void refuse(Column column, String why) {
    throw new IllegalArgumentException(
        "--normalise "
            + column.name()
            + ": "
            + why
            + "; "
            + column.name()
            + " is "
            + column.kind().label()
            + (column.kind() == ColumnKind.TEXT
                ? " (for CSV: --type " + column.name() + "=…)"
                : ""));
  }

  @Override
  public Object apply(Object value) {
    if (value == null) {
      return null;
    }
    if (rule.scale() != null) {
      return scaled(value);
    }
    if (value instanceof String s) {
      return text(s);
    }
    return timestamp(value);
  }

  private Object scaled(Object value) {
    BigDecimal d;
    if (value instanceof BigDecimal b) {
      d = b;
    } else if (value instanceof Double x) {
      if (x.isNaN() || x.isInfinite()) {
        return value;
      }
      d = new BigDecimal(FloatText.of(x));
    } else if (value instanceof Float x) {
      if (x.isNaN() || x.isInfinite()) {
        return value;
      }
      d = new BigDecimal(FloatText.of(x));
    } else if (value instanceof BigInteger i) {
      d = new BigDecimal(i);
    } else if (value instanceof Number n) {
      d = BigDecimal.valueOf(n.longValue());
    } else {
      d = new BigDecimal(value.toString());
    }
    return d.setScale(rule.scale(), RoundingMode.HALF_EVEN);
  }

  private Object text(String s) {
    String t = s;
    if (rule.trim()) {
      t = trimSpaces(t);
    }
    if (rule.caseInsensitive()) {
      t = t.toLowerCase(Locale.ROOT);
    }
    if (rule.emptyIsNull() && t.isEmpty()) {
      return null;
    }
    return t;
  }

  /** Leading and trailing U+0020 removed (not other white space). */
  static String trimSpaces(String s) {
    int from = 0;
    int to = s.length();
    while (from < to && s.charAt(from) == ' ') {
      from++;
    }
    while (to > from && s.charAt(to - 1) == ' ') {
      to--;
    }
    return s.substring(from, to);
  }

  private Object timestamp(Object value) {
    Object v = value;
    if (rule.timezone() != null && v instanceof LocalDateTime t) {
      v = t.atZone(rule.timezone()).toInstant();
    }
    if (truncate == null) {
      return v;
    }
    if (v instanceof Instant t) {
      return t.truncatedTo(truncate);
    }
    if (v instanceof LocalDateTime t) {
      return t.truncatedTo(truncate);
    }
    if (v instanceof OffsetDateTime t) {
      return t.truncatedTo(truncate);
    }
    if (v instanceof ZonedDateTime t) {
      return t.truncatedTo(truncate);
    }
    return v;
  }
}
