package io.dualrun.hooks.diff;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.apache.commons.csv.QuoteMode;

/** A diff's result as a table, JSON or CSV (docs/diff.md). */
public final class DiffPrinter {
  /** The output formats of {@code --format}. */
  public enum Format {
    TABLE,
    JSON,
    CSV
  }

  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final int WIDTH = 40;

  private DiffPrinter() {}

  public static void print(DiffResult r, List<String> keyColumns, Format format, PrintStream out) {
    switch (format) {
      case TABLE -> table(r, keyColumns, out);
      case JSON -> json(r, keyColumns, out);
      case CSV -> csv(r, out);
    }
  }

  /** One line per difference: kind, key, column, both values. */
  private static List<String[]> lines(DiffResult r) {
    List<String[]> lines = new ArrayList<>();
    for (KeyDifference d : r.differences()) {
      String key = String.join(",", d.key().stream().map(DiffPrinter::shown).toList());
      if (d.kind() == KeyDifference.Kind.CHANGED) {
        for (KeyDifference.Change c : d.changed()) {
          lines.add(new String[] {d.kind().id(), key, c.column(), c.baseline(), c.candidate()});
        }
      } else {
        DiffRow row = d.baseline() != null ? d.baseline() : d.candidate();
        String values = String.join(", ", row.values().stream().map(DiffPrinter::shown).toList());
        lines.add(
            new String[] {
              d.kind().id(),
              key,
              "",
              d.baseline() != null ? values : null,
              d.candidate() != null ? values : null
            });
      }
    }
    return lines;
  }

  private static String shown(String value) {
    return value == null ? "NULL" : value;
  }

  private static void table(DiffResult r, List<String> keyColumns, PrintStream out) {
    out.println(summary(r));
    if (!r.schema().isEmpty()) {
      out.println("Columns only one side has: " + String.join(", ", r.schema()));
      out.println("Leave them out (--ignore-column) to compare the rows.");
      return;
    }
    if (r.differences().isEmpty()) {
      return;
    }
    String keyHeader = String.join(",", keyColumns);
    out.printf(
        "%-18s %-20s %-20s %-" + WIDTH + "s %s%n",
        "KIND",
        keyHeader,
        "COLUMN",
        "BASELINE",
        "CANDIDATE");
    for (String[] l : lines(r)) {
      out.printf(
          "%-18s %-20s %-20s %-" + WIDTH + "s %s%n",
          l[0],
          cut(l[1]),
          cut(l[2]),
          cut(l[3] == null ? "-" : l[3]),
          cut(l[4] == null ? "-" : l[4]));
    }
  }

  private static String cut(String s) {
    return s.length() <= WIDTH ? s : s.substring(0, WIDTH - 3) + "...";
  }

  static String summary(DiffResult r) {
    if (!r.schema().isEmpty()) {
      return "DIFFERENT: the two sides have different columns";
    }
    if (r.equal()) {
      return String.format("EQUAL: %d rows on each side", r.rows()[0]);
    }
    String found =
        String.format(
                "%d only in the baseline, %d only in the candidate, %d changed",
                r.count(KeyDifference.Kind.ONLY_IN_BASELINE),
                r.count(KeyDifference.Kind.ONLY_IN_CANDIDATE),
                r.count(KeyDifference.Kind.CHANGED))
            + (r.count(KeyDifference.Kind.IN_DIFFERING_BUCKET) == 0
                ? ""
                : String.format(
                    ", %d in differing buckets", r.count(KeyDifference.Kind.IN_DIFFERING_BUCKET)));
    String depth =
        String.format(
            "%d level%s, %d rows read of %d and %d",
            r.levels().size(),
            r.levels().size() == 1 ? "" : "s",
            r.differingRows()[0] + r.differingRows()[1],
            r.rows()[0],
            r.rows()[1]);
    return "DIFFERENT: "
        + found
        + " ("
        + depth
        + ")"
        + (r.partial() == null ? "" : "; PARTIAL: " + r.partial());
  }

  private static void json(DiffResult r, List<String> keyColumns, PrintStream out) {
    ObjectNode root = MAPPER.createObjectNode();
    root.put("status", r.equal() ? "EQUAL" : "DIFFERENT");
    root.put("partial", r.partial());
    root.set("keyColumns", MAPPER.valueToTree(keyColumns));
    root.set("schema", MAPPER.valueToTree(r.schema()));
    ObjectNode rows = root.putObject("rows");
    rows.put("baseline", r.rows()[0]);
    rows.put("candidate", r.rows()[1]);
    ObjectNode counts = root.putObject("counts");
    for (KeyDifference.Kind kind : KeyDifference.Kind.values()) {
      counts.put(kind.id(), r.count(kind));
    }
    ArrayNode diffs = root.putArray("differences");
    for (KeyDifference d : r.differences()) {
      ObjectNode n = diffs.addObject();
      n.put("kind", d.kind().id());
      n.set("key", MAPPER.valueToTree(d.key()));
      if (d.kind() == KeyDifference.Kind.CHANGED) {
        ArrayNode changed = n.putArray("changed");
        for (KeyDifference.Change c : d.changed()) {
          changed
              .addObject()
              .put("column", c.column())
              .put("baseline", c.baseline())
              .put("candidate", c.candidate());
        }
      } else {
        DiffRow row = d.baseline() != null ? d.baseline() : d.candidate();
        n.set("values", MAPPER.valueToTree(row.values()));
      }
    }
    ArrayNode levels = root.putArray("levels");
    for (DiffResult.Level l : r.levels()) {
      levels
          .addObject()
          .put("modulus", Long.toUnsignedString(l.modulus()))
          .put("bucketsAsked", l.bucketsAsked())
          .put("bucketsDiffering", l.bucketsDiffering())
          .put("rowsDiffering", l.rowsDiffering());
    }
    ObjectNode bytes = root.putObject("bytesSent");
    bytes.put("baseline", r.bytesSent()[0]);
    bytes.put("candidate", r.bytesSent()[1]);
    root.put("seconds", r.elapsed().toMillis() / 1000.0);
    try {
      out.println(MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(root));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void csv(DiffResult r, PrintStream out) {
    try {
      CSVPrinter csv =
          new CSVPrinter(
              out,
              CSVFormat.DEFAULT
                  .builder()
                  .setHeader("kind", "key", "column", "baseline", "candidate")
                  // as dualrun fingerprint reads CSV: null is an empty field, "" the empty text
                  .setQuoteMode(QuoteMode.ALL_NON_NULL)
                  .get());
      for (String[] l : lines(r)) {
        csv.printRecord((Object[]) l);
      }
      csv.flush();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
