package io.dualrun.schemas;

import java.util.Locale;

/** The normalised column types of a fingerprint's schema (DESIGN §4). */
public enum ColumnKind {
  INTEGER,
  DECIMAL,
  FLOAT,
  BOOLEAN,
  DATE,
  TIMESTAMP,
  TEXT,
  BINARY,
  OTHER;

  /** The lower-case name used in fingerprints: integer, decimal, … */
  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }

  public boolean numeric() {
    return this == INTEGER || this == DECIMAL || this == FLOAT;
  }

  /** Parses a label as written by {@link #label()} (for {@code --type col=decimal}). */
  public static ColumnKind parse(String label) {
    try {
      return valueOf(label.trim().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          "'"
              + label
              + "' is not one of integer, decimal, float, boolean, date, timestamp, text,"
              + " binary, other");
    }
  }

  /**
   * The normalised type of a database or lineage type name: {@code varchar(20)} is text, {@code
   * numeric(12,2)} decimal, {@code timestamptz} timestamp, {@code INT64} integer.
   */
  public static ColumnKind ofTypeName(String typeName) {
    if (typeName == null) {
      return OTHER;
    }
    String t = typeName.toLowerCase(Locale.ROOT).replaceAll("\\(.*", "").trim();
    t = t.replace(" unsigned", "").replace(" signed", "").trim();
    if (t.matches(
        "(tiny|small|medium|big)?int(eger)?|int[248]|int(8|16|32|64)|long|short|byte"
            + "|(big|small)?serial[248]?|uint(8|16|32|64)")) {
      return INTEGER;
    }
    if (t.matches("decimal|numeric|number|dec|bignumeric|bigdecimal")) {
      return DECIMAL;
    }
    if (t.matches("float[48]?|float(32|64)|double( precision)?|real")) {
      return FLOAT;
    }
    if (t.matches("bool(ean)?")) {
      return BOOLEAN;
    }
    if (t.equals("date")) {
      return DATE;
    }
    if (t.startsWith("timestamp") || t.startsWith("datetime")) {
      return TIMESTAMP;
    }
    if (t.matches(
        "(n)?(var)?char(acter)?( varying)?|(tiny|medium|long)?text|string|n?clob|"
            + "bpchar|citext|name|varchar2|nvarchar2")) {
      return TEXT;
    }
    if (t.matches("(var)?binary|(tiny|medium|long)?blob|bytea|bytes|raw|image")) {
      return BINARY;
    }
    return OTHER;
  }
}
