package io.dualrun.sql;

/** How {@code dualrun sql} prints rows. */
public enum OutputFormat {
  /** An aligned table with a header and a row count. */
  TABLE,
  /** RFC 4180 CSV with a header line; NULL is an empty field. */
  CSV,
  /** JSON Lines: one object per row, keyed by column name. */
  JSON;

  public ResultPrinter printer(ValueRenderer renderer) {
    return switch (this) {
      case TABLE -> new TablePrinter(renderer);
      case CSV -> new CsvPrinter(renderer);
      case JSON -> new JsonPrinter(renderer);
    };
  }
}
