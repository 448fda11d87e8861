package io.dualrun.reconciler.report;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

/** The readiness table as RFC 4180 CSV (CRLF line ends, fields quoted where needed). */
final class CsvTable {
  static final String[] HEADER = {
    "workflow",
    "state",
    "owner",
    "clean_partitions",
    "waived_partitions",
    "required_partitions",
    "open_breaches",
    "candidate_p95_ms",
    "baseline_p95_ms",
    "duration_ratio",
    "decided_partitions",
    "mismatches",
    "mismatch_rate_below",
    "reasons"
  };

  private CsvTable() {}

  static String render(List<ReadinessRow> rows) {
    StringBuilder out = new StringBuilder();
    try (CSVPrinter printer =
        new CSVPrinter(out, CSVFormat.RFC4180.builder().setHeader(HEADER).get())) {
      for (ReadinessRow r : rows) {
        printer.printRecord(
            r.workflow(),
            r.state(),
            r.owner(),
            r.cleanPartitions(),
            r.waivedPartitions(),
            r.requiredPartitions(),
            r.openBreaches().size(),
            r.candidateP95Ms(),
            r.baselineP95Ms(),
            DurationText.ratio(r.durationRatio()),
            r.decidedPartitions(),
            r.mismatches(),
            r.mismatchRateBelow() == null
                ? null
                : String.format(java.util.Locale.ROOT, "%.4f", r.mismatchRateBelow()),
            String.join("; ", r.reasons()));
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toString();
  }
}
