package io.dualrun.reconciler.rest;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dualrun.inventory.ScheduleParity;
import io.dualrun.inventory.WorkflowSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;

/**
 * Cutover readiness of one workflow (DESIGN §4): READY when the last N decided partitions all
 * MATCH, no freshness breach is open, and the candidate's p95 duration is at most ratio × the
 * baseline's p95 over those partitions; otherwise NOT_READY with every reason.
 */
final class Readiness {
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  private Readiness() {}

  /** How far ahead both sides' schedules are compared. */
  static final Duration SCHEDULE_HORIZON = Duration.ofDays(14);

  static ObjectNode of(WorkflowSpec spec, List<DigestRow> newestFirst) {
    return of(spec, newestFirst, Instant.now());
  }

  static ObjectNode of(WorkflowSpec spec, List<DigestRow> newestFirst, Instant now) {
    int n = spec.readinessPartitions();
    List<DigestRow> decided = new ArrayList<>();
    for (DigestRow r : newestFirst) {
      if (!r.outcome().equals("PENDING") && decided.size() < n) {
        decided.add(r);
      }
    }
    List<String> reasons = new ArrayList<>();
    if (decided.size() < n) {
      reasons.add("only " + decided.size() + " of the last " + n + " partitions are decided");
    }
    decided.stream()
        .filter(r -> !r.outcome().equals("MATCH"))
        .forEach(r -> reasons.add("partition " + r.partition() + " is " + r.outcome()));
    newestFirst.forEach(
        r -> r.openBreaches().forEach(b -> reasons.add("freshness breach " + b + " is open")));
    Long b95 = p95(decided, true);
    Long c95 = p95(decided, false);
    if (b95 != null && c95 != null && c95 > spec.durationRatio() * b95) {
      reasons.add(
          String.format(
              Locale.ROOT,
              "candidate p95 duration %s exceeds %s × baseline p95 %s",
              Duration.ofMillis(c95),
              spec.durationRatio(),
              Duration.ofMillis(b95)));
    }
    ScheduleParity.of(spec, now, SCHEDULE_HORIZON)
        .filter(report -> !report.same())
        .ifPresent(report -> reasons.add(scheduleReason(report)));
    ObjectNode o = NODES.objectNode();
    o.put("workflow", spec.id());
    o.put("status", reasons.isEmpty() ? "READY" : "NOT_READY");
    o.put("inventoried", spec.inventoried());
    o.put("owner", spec.owner());
    o.put("requiredPartitions", n);
    ArrayNode parts = o.putArray("partitions");
    decided.forEach(
        r -> parts.addObject().put("partition", r.partition()).put("outcome", r.outcome()));
    o.put("baselineP95Ms", b95);
    o.put("candidateP95Ms", c95);
    o.put("durationRatio", spec.durationRatio());
    ArrayNode why = o.putArray("reasons");
    reasons.forEach(why::add);
    return o;
  }

  /** Why the sides' schedules do not produce the same partitions, in one line. */
  private static String scheduleReason(ScheduleParity.Report report) {
    String why =
        report
            .shift()
            .orElseGet(
                () -> {
                  ScheduleParity.Difference first = report.differences().get(0);
                  return "first: " + first.partition() + " " + first.detail();
                });
    return "the sides' schedules differ on "
        + report.differences().size()
        + " of "
        + report.partitions()
        + " partitions in the next "
        + SCHEDULE_HORIZON.toDays()
        + " days ("
        + why
        + ")";
  }

  /** Nearest-rank 95th percentile of the known durations, or null when none is known. */
  static Long p95(List<DigestRow> rows, boolean baseline) {
    List<Long> values = new ArrayList<>();
    for (DigestRow r : rows) {
      Long v = baseline ? r.baselineDurationMs() : r.candidateDurationMs();
      if (v != null) {
        values.add(v);
      }
    }
    if (values.isEmpty()) {
      return null;
    }
    Collections.sort(values);
    int rank = (int) Math.ceil(0.95 * values.size());
    return values.get(Math.max(rank, 1) - 1);
  }
}
