package io.dualrun.reconciler.rest;

import io.dualrun.inventory.WorkflowSpec;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * Learned noise: a column that differs, alone, in every one of a workflow's last {@code last}
 * decided partitions (its content differs there, the column hashes name it and only it, every other
 * column agrees) is reported as noisy ({@code NOISY_COLUMN}); a column whose hash differed between
 * two attempts of the baseline itself for a partition, the rest equal, is reported as
 * nondeterministic ({@code NONDETERMINISTIC_COLUMN}). Each comes with the inventory patch that
 * would leave it out of the comparison ({@code ignoreColumns}, which the reconciler honours for
 * CONTENT when the column hashes are keyed). Nothing is applied: the patch is for a person to
 * review and merge. Pure: the rows are the pairs as the list endpoints see them.
 */
final class NoiseSuggestions {
  /** The default number of last decided partitions a column must differ in. */
  static final int DEFAULT_LAST = 5;

  /** One suggested rule and its evidence. */
  record Suggestion(
      String output,
      String column,
      String kind,
      List<String> partitions,
      String evidence,
      String patch) {}

  /** What was examined, and what is suggested. */
  record Report(String workflow, int last, List<String> examined, List<Suggestion> suggestions) {}

  private NoiseSuggestions() {}

  static Report of(WorkflowSpec spec, List<DigestRow> rows, int last) {
    List<DigestRow> decided =
        rows.stream()
            .filter(r -> r.workflow().equals(spec.id()) && !r.outcome().equals("PENDING"))
            .sorted(Comparator.comparing(DigestRow::partition))
            .toList();
    List<DigestRow> window = decided.subList(Math.max(0, decided.size() - last), decided.size());
    List<String> examined = window.stream().map(DigestRow::partition).toList();
    List<Suggestion> out = new ArrayList<>();
    if (window.size() == last) {
      window
          .get(0)
          .differingColumns()
          .forEach(
              (output, columns) -> {
                if (columns.size() == 1 && aloneInEvery(window, output, columns.get(0))) {
                  out.add(suggestion(spec, output, columns.get(0), examined));
                }
              });
    }
    out.addAll(nondeterministic(spec, rows));
    return new Report(spec.id(), last, examined, out);
  }

  /** A suggestion per column some partition's baseline reruns showed nondeterministic. */
  private static List<Suggestion> nondeterministic(WorkflowSpec spec, List<DigestRow> rows) {
    Map<String, Map<String, List<String>>> partitionsOf = new java.util.TreeMap<>();
    rows.stream()
        .filter(r -> r.workflow().equals(spec.id()))
        .sorted(Comparator.comparing(DigestRow::partition))
        .forEach(
            r ->
                r.nondeterministicColumns()
                    .forEach(
                        (output, columns) ->
                            columns.forEach(
                                column ->
                                    partitionsOf
                                        .computeIfAbsent(output, o -> new java.util.TreeMap<>())
                                        .computeIfAbsent(column, c -> new ArrayList<>())
                                        .add(r.partition()))));
    List<Suggestion> out = new ArrayList<>();
    partitionsOf.forEach(
        (output, byColumn) ->
            byColumn.forEach(
                (column, partitions) -> {
                  if (!spec.output(output).ignoreColumns().contains(column)) {
                    String evidence =
                        column
                            + " of "
                            + output
                            + " differed between the baseline's own attempts (a rerun of the"
                            + " legacy job) in "
                            + (partitions.size() == 1
                                ? "partition " + partitions.get(0)
                                : partitions.size()
                                    + " partitions ("
                                    + String.join(", ", partitions)
                                    + ")")
                            + ", every other column's hash equal: the baseline is not deterministic"
                            + " there, so its differences from the candidate are noise";
                    out.add(
                        new Suggestion(
                            output,
                            column,
                            "NONDETERMINISTIC_COLUMN",
                            List.copyOf(partitions),
                            evidence,
                            patch(spec, output, column, evidence)));
                  }
                }));
    return out;
  }

  private static boolean aloneInEvery(List<DigestRow> window, String output, String column) {
    return window.stream().allMatch(r -> List.of(column).equals(r.differingColumns().get(output)));
  }

  private static Suggestion suggestion(
      WorkflowSpec spec, String output, String column, List<String> partitions) {
    String evidence =
        column
            + " of "
            + output
            + " differed, alone, in each of the last "
            + partitions.size()
            + " decided partitions ("
            + partitions.get(0)
            + " to "
            + partitions.get(partitions.size() - 1)
            + "); every other column's hash was equal";
    return new Suggestion(
        output,
        column,
        "NOISY_COLUMN",
        partitions,
        evidence,
        patch(spec, output, column, evidence));
  }

  private static String patch(WorkflowSpec spec, String output, String column, String evidence) {
    TreeSet<String> ignored = new TreeSet<>(spec.output(output).ignoreColumns());
    ignored.add(column);
    return "# "
        + evidence
        + ".\n"
        + "# Merge into workflows.yaml (the output's other keys stay as they are), or fingerprint"
        + " both sides with --ignore-column "
        + column
        + ".\n"
        + "workflows:\n"
        + "  "
        + spec.id()
        + ":\n"
        + "    outputs:\n"
        + "      - name: "
        + output
        + "\n"
        + "        ignoreColumns: ["
        + String.join(", ", ignored)
        + "]\n";
  }

  /** {@code Map} of the suggestion's fields, for JSON. */
  static Map<String, Object> json(Report r) {
    return Map.of(
        "workflow", r.workflow(),
        "last", r.last(),
        "examined", r.examined(),
        "suggestions", r.suggestions());
  }
}
