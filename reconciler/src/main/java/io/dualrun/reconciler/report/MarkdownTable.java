package io.dualrun.reconciler.report;

import java.util.List;

/** The readiness table as a GitHub-flavoured Markdown table. */
final class MarkdownTable {
  static final List<String> HEADER =
      List.of(
          "Workflow",
          "State",
          "Clean (last N)",
          "Open breaches",
          "Candidate p95 vs baseline p95",
          "Mismatch rate (95 %)",
          "Reasons");

  private MarkdownTable() {}

  static String render(List<ReadinessRow> rows) {
    StringBuilder out = new StringBuilder();
    line(out, HEADER);
    line(out, HEADER.stream().map(h -> "---").toList());
    for (ReadinessRow r : rows) {
      line(
          out,
          List.of(
              r.workflow(),
              r.state(),
              r.cleanText(),
              Integer.toString(r.openBreaches().size()),
              DurationText.human(r.candidateP95Ms())
                  + " vs "
                  + DurationText.human(r.baselineP95Ms())
                  + " (allowed ×"
                  + DurationText.ratio(r.durationRatio())
                  + ")",
              r.mismatchRateText(),
              r.reasons().isEmpty() ? "" : String.join("; ", r.reasons())));
    }
    return out.toString();
  }

  private static void line(StringBuilder out, List<String> cells) {
    out.append('|');
    for (String cell : cells) {
      out.append(' ').append(escape(cell)).append(" |");
    }
    out.append('\n');
  }

  static String escape(String cell) {
    return cell.replace("\\", "\\\\").replace("|", "\\|").replaceAll("\\R", " ");
  }
}
