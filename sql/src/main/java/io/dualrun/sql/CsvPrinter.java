package io.dualrun.sql;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.SequenceWriter;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.types.Row;

/** Prints rows as CSV with a header line; NULL is an empty field, nested values are JSON. */
public final class CsvPrinter implements ResultPrinter {
  private static final CsvMapper MAPPER = new CsvMapper();
  private final ValueRenderer renderer;

  public CsvPrinter(ValueRenderer renderer) {
    this.renderer = renderer;
  }

  @Override
  public void print(QueryResult result, PrintWriter out) {
    CsvSchema.Builder schema = CsvSchema.builder().setUseHeader(true).setNullValue("");
    result.columnNames().forEach(schema::addColumn);
    try (SequenceWriter writer =
        MAPPER
            .writer(schema.build())
            .without(JsonGenerator.Feature.AUTO_CLOSE_TARGET)
            .writeValues(out)) {
      for (Row row : result.rows()) {
        List<String> values = new ArrayList<>(result.columns().size());
        for (int i = 0; i < result.columns().size(); i++) {
          values.add(renderer.text(row.getField(i), result.columns().get(i).type()));
        }
        writer.write(values);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write CSV", e);
    }
    out.flush();
  }
}
