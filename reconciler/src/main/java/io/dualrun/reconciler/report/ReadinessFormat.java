package io.dualrun.reconciler.report;

import java.util.List;
import java.util.Locale;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** How the readiness table is printed. */
enum ReadinessFormat {
  MD {
    @Override
    String render(List<ReadinessRow> rows) {
      return MarkdownTable.render(rows);
    }
  },
  CSV {
    @Override
    String render(List<ReadinessRow> rows) {
      return CsvTable.render(rows);
    }
  },
  JSON {
    @Override
    String render(List<ReadinessRow> rows) {
      return JsonTable.render(rows);
    }
  };

  abstract String render(List<ReadinessRow> rows);

  /** {@code md|csv|json}, any case. */
  static final class Converter implements ITypeConverter<ReadinessFormat> {
    @Override
    public ReadinessFormat convert(String value) {
      try {
        return valueOf(value.trim().toUpperCase(Locale.ROOT));
      } catch (IllegalArgumentException e) {
        throw new TypeConversionException("'" + value + "' is not a format: use md, csv or json");
      }
    }
  }
}
