package io.dualrun.sql;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import org.apache.flink.table.api.DataTypes;
import org.apache.flink.types.Row;
import org.junit.jupiter.api.Test;

class PrintersTest {
  private static final ValueRenderer RENDERER = new ValueRenderer(ZoneId.of("UTC"));

  private static QueryResult sample() {
    return new QueryResult(
        "SELECT …",
        List.of(
            new QueryResult.Column("workflow", DataTypes.STRING().getLogicalType()),
            new QueryResult.Column("pct", DataTypes.DECIMAL(4, 1).getLogicalType()),
            new QueryResult.Column("at", DataTypes.TIMESTAMP(3).getLogicalType()),
            new QueryResult.Column("seen", DataTypes.TIMESTAMP_LTZ(3).getLogicalType()),
            new QueryResult.Column(
                "summary",
                DataTypes.ROW(
                        DataTypes.FIELD("runId", DataTypes.STRING()),
                        DataTypes.FIELD("tags", DataTypes.ARRAY(DataTypes.INT())))
                    .getLogicalType()),
            new QueryResult.Column(
                "attrs", DataTypes.MAP(DataTypes.STRING(), DataTypes.STRING()).getLogicalType())),
        List.of(
            Row.of(
                "revenue-daily",
                new BigDecimal("50.0"),
                LocalDateTime.parse("2026-11-20T07:05:00"),
                Instant.parse("2026-11-20T07:05:01.250Z"),
                Row.of("r1", new Integer[] {3, 7}),
                Map.of("host", "a,b")),
            Row.of("x", null, null, null, null, null)));
  }

  private static String print(ResultPrinter printer) {
    StringWriter out = new StringWriter();
    printer.print(sample(), new PrintWriter(out));
    return out.toString();
  }

  @Test
  void tableIsAlignedWithNumbersOnTheRight() {
    assertThat(print(new TablePrinter(RENDERER)).lines().toList())
        .containsExactly(
            "+---------------+------+-------------------------+-------------------------+-----------------------------+----------------+",
            "| workflow      | pct  | at                      | seen                    | summary                     | attrs          |",
            "+---------------+------+-------------------------+-------------------------+-----------------------------+----------------+",
            "| revenue-daily | 50.0 | 2026-11-20 07:05:00.000 | 2026-11-20 07:05:01.250 | {\"runId\":\"r1\",\"tags\":[3,7]} | {\"host\":\"a,b\"} |",
            "| x             | NULL | NULL                    | NULL                    | NULL                        | NULL           |",
            "+---------------+------+-------------------------+-------------------------+-----------------------------+----------------+",
            "2 rows");
  }

  @Test
  void csvQuotesWhatNeedsItAndLeavesNullEmpty() {
    assertThat(print(new CsvPrinter(RENDERER)))
        .isEqualTo(
            "workflow,pct,at,seen,summary,attrs\n"
                + "revenue-daily,50.0,\"2026-11-20 07:05:00.000\",\"2026-11-20 07:05:01.250\","
                + "\"{\"\"runId\"\":\"\"r1\"\",\"\"tags\"\":[3,7]}\",\"{\"\"host\"\":\"\"a,b\"\"}\"\n"
                + "x,,,,,\n");
  }

  @Test
  void jsonLinesKeepTypesAndNesting() {
    assertThat(print(new JsonPrinter(RENDERER)).lines().toList())
        .containsExactly(
            "{\"workflow\":\"revenue-daily\",\"pct\":50.0,\"at\":\"2026-11-20 07:05:00.000\","
                + "\"seen\":\"2026-11-20 07:05:01.250\",\"summary\":{\"runId\":\"r1\",\"tags\":[3,7]},"
                + "\"attrs\":{\"host\":\"a,b\"}}",
            "{\"workflow\":\"x\",\"pct\":null,\"at\":null,\"seen\":null,\"summary\":null,\"attrs\":null}");
  }

  @Test
  void timestampLtzFollowsTheSessionTimeZone() {
    ValueRenderer paris = new ValueRenderer(ZoneId.of("Europe/Paris"));
    assertThat(
            paris.text(
                Instant.parse("2026-11-20T07:05:00Z"), DataTypes.TIMESTAMP_LTZ(3).getLogicalType()))
        .isEqualTo("2026-11-20 08:05:00.000");
  }

  @Test
  void emptyResultStillShowsTheHeader() {
    QueryResult empty =
        new QueryResult(
            "q", List.of(new QueryResult.Column("a", DataTypes.INT().getLogicalType())), List.of());
    StringWriter table = new StringWriter();
    new TablePrinter(RENDERER).print(empty, new PrintWriter(table));
    assertThat(table.toString().lines().toList())
        .containsExactly("+---+", "| a |", "+---+", "0 rows");
    StringWriter csv = new StringWriter();
    new CsvPrinter(RENDERER).print(empty, new PrintWriter(csv));
    assertThat(csv.toString()).isEqualTo("a\n");
  }
}
