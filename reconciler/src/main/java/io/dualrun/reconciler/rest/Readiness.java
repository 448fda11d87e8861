package io.dualrun.reconciler.rest;

import io.dualrun.inventory.CalendarCoverage;
import io.dualrun.inventory.Coverage;
import io.dualrun.inventory.ReadinessRules;
import io.dualrun.inventory.ScheduleParity;
import io.dualrun.inventory.WorkflowSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Cutover readiness of one workflow (DESIGN §4): READY when the last N decided partitions are all
 * clean (MATCH, or MATCH_WITH_WAIVER: every difference accepted by a waiver, counted apart), no
 * freshness breach is open, the candidate's p95 duration is at most ratio × the baseline's p95 over
 * those partitions, both sides' schedules produce the same partitions, clean partitions cover every
 * required kind of calendar day, and (when a maximum is declared) the 95 % upper bound of the
 * mismatch rate is below it; otherwise NOT_READY with every reason. A pure function of the
 * inventory's rules, the workflow's pairs and the time.
 */
final class Readiness {
  private Readiness() {}

  /** How far ahead both sides' schedules are compared. */
  static final Duration SCHEDULE_HORIZON = Duration.ofDays(14);

  static ReadinessReport of(WorkflowSpec spec, List<DigestRow> newestFirst) {
    return of(spec, newestFirst, Instant.now());
  }

  static ReadinessReport of(WorkflowSpec spec, List<DigestRow> newestFirst, Instant now) {
    ReadinessRules rules = spec.readiness();
    int n = rules.partitions();
    List<DigestRow> decided = new ArrayList<>();
    List<DigestRow> everyDecided = new ArrayList<>();
    for (DigestRow r : newestFirst) {
      if (!r.outcome().equals("PENDING")) {
        everyDecided.add(r);
        if (decided.size() < n) {
          decided.add(r);
        }
      }
    }
    List<String> reasons = new ArrayList<>();
    if (decided.size() < n) {
      reasons.add("only " + decided.size() + " of the last " + n + " partitions are decided");
    }
    decided.stream()
        .filter(r -> !r.clean())
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
    ReadinessReport.Evidence evidence = evidence(rules, everyDecided, reasons);
    ReadinessReport.CoverageReport coverage = coverage(spec, everyDecided, reasons);
    return new ReadinessReport(
        spec.id(),
        reasons.isEmpty() ? "READY" : "NOT_READY",
        spec.inventoried(),
        spec.owner(),
        n,
        decided.stream()
            .map(r -> new ReadinessReport.Partition(r.partition(), r.outcome()))
            .toList(),
        (int) decided.stream().filter(DigestRow::waived).count(),
        b95,
        c95,
        spec.durationRatio(),
        evidence,
        coverage,
        List.copyOf(reasons));
  }

  /** The mismatch-rate bound over every decided partition; a reason when above the maximum. */
  private static ReadinessReport.Evidence evidence(
      ReadinessRules rules, List<DigestRow> decided, List<String> reasons) {
    int mismatches = (int) decided.stream().filter(r -> !r.clean()).count();
    MismatchBound bound = MismatchBound.of(decided.size(), mismatches);
    Double max = rules.maxMismatchRate().isPresent() ? rules.maxMismatchRate().getAsDouble() : null;
    if (max != null && bound.below() >= max) {
      reasons.add(
          "the evidence does not yet show a mismatch rate below "
              + MismatchBound.percent(max)
              + ": "
              + bound.statement());
    }
    return new ReadinessReport.Evidence(
        bound.decided(),
        bound.mismatches(),
        MismatchBound.CONFIDENCE,
        bound.below(),
        bound.method(),
        max,
        bound.statement());
  }

  /** Which required calendar days clean partitions covered; a reason naming what is missing. */
  private static ReadinessReport.CoverageReport coverage(
      WorkflowSpec spec, List<DigestRow> decided, List<String> reasons) {
    List<String> clean =
        decided.stream().filter(DigestRow::clean).map(DigestRow::partition).toList();
    CalendarCoverage.Result result =
        CalendarCoverage.of(spec.readiness(), spec.granularity(), spec.zone(), clean);
    if (!result.missing().isEmpty()) {
      reasons.add(
          "no clean partition yet on "
              + result.missing().stream()
                  .map(c -> c.id() + " (" + c.meaning().replace("`", "") + ")")
                  .collect(Collectors.joining(", ")));
    }
    Map<String, String> covered = new LinkedHashMap<>();
    for (Coverage c : Coverage.values()) {
      if (result.covered().containsKey(c)) {
        covered.put(c.id(), result.covered().get(c));
      }
    }
    return new ReadinessReport.CoverageReport(
        Arrays.stream(Coverage.values())
            .filter(spec.readiness().coverage()::contains)
            .map(Coverage::id)
            .toList(),
        covered,
        result.missing().stream().map(Coverage::id).toList());
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
