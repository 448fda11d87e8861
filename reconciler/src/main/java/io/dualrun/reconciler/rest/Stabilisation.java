package io.dualrun.reconciler.rest;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import io.dualrun.inventory.WorkflowSpec;
import io.dualrun.schemas.avro.Cutover;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * How a workflow that has cut over is doing on its candidate alone ({@code GET
 * /v1/cutovers/{workflow}}): ROLLBACK_ADVISED when a partition judged on the candidate alone is a
 * MISMATCH (it failed, or an expected output is missing), a freshness breach of such a partition is
 * open (an SLA missed), or the candidate's p95 duration since the cutover exceeds {@code
 * durationRatio} × the baseline's p95 over the last {@value #BASELINE_WINDOW} decided partitions
 * before it, or an output's row count on the candidate alone lies outside the range of the
 * baseline's over those partitions, widened by the output's row-count tolerance; otherwise
 * STABILISING until {@code stabilizeUntil}, then STABLE. A pure function of the cutover, the
 * workflow's rules, its pairs and the time.
 *
 * @param candidatePartitions partitions from {@code fromPartition} on that have a pair
 * @param decided how many of them are decided
 * @param mismatches how many of them are MISMATCH
 * @param baselineP95Ms the baseline's p95 duration before the cutover, or null
 * @param candidateP95Ms the candidate's p95 duration since, or null
 * @param reasons why a rollback is advised (empty otherwise)
 */
@JsonPropertyOrder({
  "workflow",
  "fromPartition",
  "at",
  "by",
  "note",
  "stabilizeUntil",
  "status",
  "candidatePartitions",
  "decided",
  "mismatches",
  "baselineP95Ms",
  "candidateP95Ms",
  "durationRatio",
  "reasons"
})
public record Stabilisation(
    String workflow,
    String fromPartition,
    String at,
    String by,
    String note,
    String stabilizeUntil,
    String status,
    int candidatePartitions,
    int decided,
    int mismatches,
    Long baselineP95Ms,
    Long candidateP95Ms,
    double durationRatio,
    List<String> reasons) {

  /**
   * A reason for each candidate row count (after the cutover) outside the baseline's range over
   * {@code window}, widened by the output's tolerance (the inventory's {@code rowCount}).
   */
  private static void rowCounts(
      WorkflowSpec spec, List<DigestRow> window, List<DigestRow> after, List<String> reasons) {
    java.util.Map<String, long[]> range = new java.util.TreeMap<>();
    for (DigestRow r : window) {
      r.baselineRows()
          .forEach(
              (output, n) ->
                  range.merge(
                      output,
                      new long[] {n, n},
                      (a, b) -> new long[] {Math.min(a[0], b[0]), Math.max(a[1], b[1])}));
    }
    for (DigestRow r : after) {
      r.candidateRows()
          .forEach(
              (output, n) -> {
                long[] known = range.get(output);
                if (known == null) {
                  return;
                }
                io.dualrun.inventory.Tolerance t = spec.output(output).rowCount();
                boolean inside = n >= known[0] && n <= known[1];
                if (!inside && !t.accepts(known[0], n) && !t.accepts(known[1], n)) {
                  reasons.add(
                      "partition "
                          + r.partition()
                          + ": output "
                          + output
                          + " has "
                          + n
                          + " rows, outside the baseline's "
                          + known[0]
                          + ".."
                          + known[1]
                          + " before the cutover");
                }
              });
    }
  }

  /** How many decided partitions before the cutover give the baseline's statistics. */
  static final int BASELINE_WINDOW = 28;

  static Stabilisation of(Cutover c, WorkflowSpec spec, List<DigestRow> rows, Instant now) {
    List<DigestRow> after = new ArrayList<>();
    List<DigestRow> before = new ArrayList<>();
    for (DigestRow r : rows) {
      if (r.partition().compareTo(c.getFromPartition()) >= 0) {
        after.add(r);
      } else if (!r.outcome().equals("PENDING")) {
        before.add(r);
      }
    }
    before.sort((a, b) -> b.partition().compareTo(a.partition()));
    List<DigestRow> window = before.subList(0, Math.min(BASELINE_WINDOW, before.size()));
    List<String> reasons = new ArrayList<>();
    int decided = 0;
    int mismatches = 0;
    after.sort((a, b) -> a.partition().compareTo(b.partition()));
    for (DigestRow r : after) {
      if (!r.outcome().equals("PENDING")) {
        decided++;
      }
      if (r.outcome().equals("MISMATCH")) {
        mismatches++;
        reasons.add("partition " + r.partition() + " is MISMATCH on the candidate alone");
      }
      r.openBreaches().forEach(b -> reasons.add("freshness breach " + b + " is open"));
    }
    Long b95 = Readiness.p95(window, true);
    Long c95 = Readiness.p95(after, false);
    if (b95 != null && c95 != null && c95 > spec.durationRatio() * b95) {
      reasons.add(
          String.format(
              Locale.ROOT,
              "candidate p95 duration %s since the cutover exceeds %s × the baseline's p95 %s"
                  + " before it",
              Duration.ofMillis(c95),
              spec.durationRatio(),
              Duration.ofMillis(b95)));
    }
    rowCounts(spec, window, after, reasons);
    String status =
        !reasons.isEmpty()
            ? "ROLLBACK_ADVISED"
            : now.isBefore(c.getStabilizeUntil()) ? "STABILISING" : "STABLE";
    return new Stabilisation(
        c.getWorkflow(),
        c.getFromPartition(),
        c.getAt().toString(),
        c.getBy(),
        c.getNote(),
        c.getStabilizeUntil().toString(),
        status,
        after.size(),
        decided,
        mismatches,
        b95,
        c95,
        spec.durationRatio(),
        List.copyOf(reasons));
  }
}
