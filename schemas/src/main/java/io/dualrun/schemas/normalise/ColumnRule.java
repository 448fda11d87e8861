package io.dualrun.schemas.normalise;

import java.time.DateTimeException;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * How one column is normalised before it is fingerprinted, alike on both sides
 * (docs/fingerprint.md, Normalisation): the column's names on each side, and the rules applied to
 * its values in this order — time zone, precision (timestamps); scale (numbers); trim, case,
 * empty-is-null (text). Written as text {@code
 * scale=2,precision=ms,timezone=Europe/Paris,trim,case-insensitive,
 * empty-is-null,baseline=cust_id,candidate=customer_id} (rules in that order), which is what {@code
 * dualrun fingerprint --normalise column:rules} reads and what a fingerprint carries.
 *
 * @param scale numbers rounded half-even to this many decimals (0 … 18); null: not rounded
 * @param precision timestamps truncated to milliseconds or seconds; null: kept (to microseconds)
 * @param timezone naive timestamps (without zone) read as local times of this zone; null: as UTC
 * @param trim leading and trailing spaces (U+0020) removed
 * @param caseInsensitive text lower-cased
 * @param emptyIsNull the empty string counts as NULL
 * @param baseline the column's name on the baseline side; null: its own name
 * @param candidate the column's name on the candidate side; null: its own name
 */
public record ColumnRule(
    Integer scale,
    Precision precision,
    ZoneId timezone,
    boolean trim,
    boolean caseInsensitive,
    boolean emptyIsNull,
    String baseline,
    String candidate) {
  public static final int MAX_SCALE = 18;

  /** Timestamp precisions a rule may truncate to. */
  public enum Precision {
    MILLIS("ms", ChronoUnit.MILLIS),
    SECONDS("s", ChronoUnit.SECONDS);

    private final String label;
    private final ChronoUnit unit;

    Precision(String label, ChronoUnit unit) {
      this.label = label;
      this.unit = unit;
    }

    public String label() {
      return label;
    }

    public ChronoUnit unit() {
      return unit;
    }

    static Precision parse(String text) {
      for (Precision p : values()) {
        if (p.label.equals(text)) {
          return p;
        }
      }
      throw new IllegalArgumentException("precision must be ms or s, was '" + text + "'");
    }
  }

  public ColumnRule {
    if (scale != null && (scale < 0 || scale > MAX_SCALE)) {
      throw new IllegalArgumentException(
          "scale must be 0 … " + MAX_SCALE + " decimals, was " + scale);
    }
    baseline = name(baseline, "baseline");
    candidate = name(candidate, "candidate");
  }

  private static String name(String name, String side) {
    if (name == null) {
      return null;
    }
    String n = name.strip().toLowerCase(Locale.ROOT);
    if (n.isEmpty() || n.contains(",") || n.contains(";") || n.contains(":") || n.contains("=")) {
      throw new IllegalArgumentException(
          side + " must be a column name (not empty, without , ; : =), was '" + name + "'");
    }
    return n;
  }

  /** Whether any rule changes values (renames aside). */
  public boolean changesValues() {
    return scale != null
        || precision != null
        || timezone != null
        || trim
        || caseInsensitive
        || emptyIsNull;
  }

  public boolean timestampRules() {
    return precision != null || timezone != null;
  }

  public boolean textRules() {
    return trim || caseInsensitive || emptyIsNull;
  }

  /** The column's name on {@code side} ({@code candidateSide}: the candidate), given its own. */
  public String sourceName(String column, boolean candidateSide) {
    String n = candidateSide ? candidate : baseline;
    return n == null ? column : n;
  }

  /** The rule as text, its parts in their fixed order (see the class comment). */
  public String text() {
    List<String> parts = new ArrayList<>();
    if (scale != null) {
      parts.add("scale=" + scale);
    }
    if (precision != null) {
      parts.add("precision=" + precision.label());
    }
    if (timezone != null) {
      parts.add("timezone=" + timezone.getId());
    }
    if (trim) {
      parts.add("trim");
    }
    if (caseInsensitive) {
      parts.add("case-insensitive");
    }
    if (emptyIsNull) {
      parts.add("empty-is-null");
    }
    if (baseline != null) {
      parts.add("baseline=" + baseline);
    }
    if (candidate != null) {
      parts.add("candidate=" + candidate);
    }
    return String.join(",", parts);
  }

  @Override
  public String toString() {
    return text();
  }

  /**
   * Reads a rule written as {@link #text()} (parts in any order).
   *
   * @throws IllegalArgumentException naming the part that is wrong and why
   */
  public static ColumnRule parse(String text) {
    Builder b = new Builder();
    for (String part : text.split(",", -1)) {
      String p = part.strip();
      int eq = p.indexOf('=');
      String key = eq < 0 ? p : p.substring(0, eq).strip();
      String value = eq < 0 ? null : p.substring(eq + 1).strip();
      b.set(key, value);
    }
    return b.build();
  }

  /** Collects a rule's parts, each given once; the flag and the inventory spellings alike. */
  public static final class Builder {
    private Integer scale;
    private Precision precision;
    private ZoneId timezone;
    private boolean trim;
    private boolean caseInsensitive;
    private boolean emptyIsNull;
    private String baseline;
    private String candidate;
    private final List<String> seen = new ArrayList<>();

    /**
     * Sets one part: {@code key} as in {@link #text()} or its inventory spelling ({@code
     * caseInsensitive}, {@code emptyIsNull}); {@code value} null for a flag given bare.
     *
     * @throws IllegalArgumentException naming the part and the reason
     */
    public Builder set(String key, String value) {
      String k = canonicalKey(key);
      if (seen.contains(k)) {
        throw new IllegalArgumentException("'" + key + "' is given twice");
      }
      seen.add(k);
      switch (k) {
        case "scale" -> scale = integer(required(k, value));
        case "precision" -> precision = Precision.parse(required(k, value));
        case "timezone" -> timezone = zone(required(k, value));
        case "trim" -> trim = flag(k, value);
        case "case-insensitive" -> caseInsensitive = flag(k, value);
        case "empty-is-null" -> emptyIsNull = flag(k, value);
        case "baseline" -> baseline = required(k, value);
        case "candidate" -> candidate = required(k, value);
        default ->
            throw new IllegalArgumentException(
                "'"
                    + key
                    + "' is not a rule (scale, precision, timezone, trim, case-insensitive,"
                    + " empty-is-null, baseline, candidate)");
      }
      return this;
    }

    public ColumnRule build() {
      return new ColumnRule(
          scale, precision, timezone, trim, caseInsensitive, emptyIsNull, baseline, candidate);
    }

    private static String canonicalKey(String key) {
      return switch (key) {
        case "caseInsensitive" -> "case-insensitive";
        case "emptyIsNull" -> "empty-is-null";
        default -> key;
      };
    }

    private static String required(String key, String value) {
      if (value == null || value.isEmpty()) {
        throw new IllegalArgumentException(key + " needs a value (" + key + "=…)");
      }
      return value;
    }

    private static boolean flag(String key, String value) {
      if (value == null || value.equals("true")) {
        return true;
      }
      if (value.equals("false")) {
        return false;
      }
      throw new IllegalArgumentException(key + " is true or false, was '" + value + "'");
    }

    private static int integer(String value) {
      try {
        return Integer.parseInt(value);
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException("scale must be a whole number, was '" + value + "'");
      }
    }

    private static ZoneId zone(String value) {
      try {
        return ZoneId.of(value);
      } catch (DateTimeException e) {
        throw new IllegalArgumentException(
            "timezone '" + value + "' is not a zone id (Europe/Paris) or offset (+01:00)");
      }
    }
  }
}
