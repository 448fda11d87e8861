package io.dualrun.hooks.fingerprint;

import io.dualrun.schemas.ColumnKind;
import java.io.IOException;
import java.io.Reader;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.apache.commons.csv.QuoteMode;

/**
 * Rows of one or more CSV files with a header line (the same header in each), streamed. Values are
 * typed by {@code types} (column → kind, default text); an empty unquoted field is null, a quoted
 * empty field {@code ""} the empty text.
 */
public final class CsvSource implements RowSource {
  private final List<Path> files;
  private final CSVFormat format;
  private final List<Column> columns = new ArrayList<>();
  private final List<String> header;
  private int fileIndex;
  private CSVParser parser;
  private Iterator<CSVRecord> records;

  public CsvSource(List<Path> files, char delimiter, Map<String, ColumnKind> types)
      throws IOException {
    if (files.isEmpty()) {
      throw new IllegalArgumentException("--csv: at least one file is required");
    }
    this.files = List.copyOf(files);
    this.format =
        CSVFormat.RFC4180
            .builder()
            .setDelimiter(delimiter)
            .setHeader()
            .setSkipHeaderRecord(true)
            .setNullString("")
            .setQuoteMode(QuoteMode.ALL_NON_NULL)
            .get();
    open(0);
    this.header = parser.getHeaderNames();
    for (String name : header) {
      columns.add(
          new Column(name, types.getOrDefault(name.toLowerCase(Locale.ROOT), ColumnKind.TEXT)));
    }
    for (String typed : types.keySet()) {
      if (columns.stream().noneMatch(c -> c.name().equals(typed))) {
        throw new IllegalArgumentException(
            "--type: no column '" + typed + "' in " + files.get(0) + " (columns: " + header + ")");
      }
    }
  }

  private void open(int index) throws IOException {
    if (parser != null) {
      parser.close();
    }
    fileIndex = index;
    Reader reader = Files.newBufferedReader(files.get(index), StandardCharsets.UTF_8);
    parser = CSVParser.builder().setReader(reader).setFormat(format).get();
    records = parser.iterator();
    if (header != null && !parser.getHeaderNames().equals(header)) {
      throw new IllegalArgumentException(
          files.get(index) + ": header " + parser.getHeaderNames() + " differs from " + header);
    }
  }

  @Override
  public List<Column> columns() {
    return columns;
  }

  @Override
  public boolean next(Object[] values) throws IOException {
    while (!records.hasNext()) {
      if (fileIndex + 1 >= files.size()) {
        return false;
      }
      open(fileIndex + 1);
    }
    CSVRecord r = records.next();
    if (r.size() != columns.size()) {
      throw new IllegalArgumentException(
          where(r, null) + ": " + r.size() + " fields, the header has " + columns.size());
    }
    for (int i = 0; i < columns.size(); i++) {
      values[i] = parse(r, i);
    }
    return true;
  }

  private Object parse(CSVRecord r, int i) {
    String text = r.get(i);
    if (text == null) {
      return null;
    }
    ColumnKind kind = columns.get(i).kind();
    try {
      return typed(kind, kind == ColumnKind.TEXT || kind == ColumnKind.OTHER ? text : text.strip());
    } catch (IllegalArgumentException | DateTimeParseException e) {
      throw new IllegalArgumentException(
          where(r, columns.get(i).name()) + ": '" + text + "' is not a " + kind.label(), e);
    }
  }

  static Object typed(ColumnKind kind, String text) {
    return switch (kind) {
      case INTEGER -> new BigInteger(text);
      case DECIMAL -> new BigDecimal(text);
      case FLOAT -> Double.parseDouble(text);
      case BOOLEAN -> bool(text);
      case DATE -> LocalDate.parse(text);
      case TIMESTAMP -> timestamp(text);
      case BINARY -> HexFormat.of().parseHex(text.toLowerCase(Locale.ROOT));
      case TEXT, OTHER -> text;
    };
  }

  private static Object timestamp(String text) {
    String t = text.replace(' ', 'T');
    try {
      return OffsetDateTime.parse(t);
    } catch (DateTimeParseException e) {
      return LocalDateTime.parse(t);
    }
  }

  private static Boolean bool(String text) {
    return switch (text.toLowerCase(Locale.ROOT)) {
      case "true", "t", "1", "yes", "y" -> true;
      case "false", "f", "0", "no", "n" -> false;
      default -> throw new IllegalArgumentException("not a boolean");
    };
  }

  private String where(CSVRecord r, String column) {
    return files.get(fileIndex)
        + ":"
        + (r.getRecordNumber() + 1)
        + (column == null ? "" : ": column " + column);
  }

  @Override
  public void close() throws IOException {
    if (parser != null) {
      parser.close();
    }
  }
}
