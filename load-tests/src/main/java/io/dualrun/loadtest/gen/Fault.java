package io.dualrun.loadtest.gen;

import io.dualrun.schemas.avro.BreachKind;
import io.dualrun.schemas.avro.FindingKind;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * What is injected into one pair, and what the reconciler must say about it. Faults are surgical:
 * each changes exactly the facts its finding kinds look at, so every kind is measured on its own.
 */
public enum Fault {
  /** Both sides agree (noise may still be applied). */
  NONE(Set.of(), List.of()),
  /** The candidate fails in a task and writes nothing: STATUS, and its outputs are missing. */
  STATUS_FAILED(EnumSet.of(FindingKind.STATUS, FindingKind.OUTPUT_MISSING), List.of()),
  /** The candidate skips the run: STATUS only (a skipped side owes no output). */
  STATUS_SKIPPED(EnumSet.of(FindingKind.STATUS), List.of()),
  /** The candidate does not fingerprint its second output. */
  OUTPUT_MISSING(EnumSet.of(FindingKind.OUTPUT_MISSING), List.of()),
  /** The candidate's summary output has 5% more rows than its tolerance (1%) allows. */
  ROW_COUNT(EnumSet.of(FindingKind.ROW_COUNT), List.of()),
  /** One bucket of the candidate's facts output hashes differently. */
  CONTENT(EnumSet.of(FindingKind.CONTENT), List.of()),
  /** The candidate's facts output types {@code amount} as float instead of decimal. */
  SCHEMA(EnumSet.of(FindingKind.SCHEMA), List.of()),
  /** The candidate's {@code amount} sum is 1% off (tolerance 0.01%). */
  COLUMN_STAT(EnumSet.of(FindingKind.COLUMN_STAT), List.of()),
  /** The candidate takes 2.2 times the baseline's duration (ratio 1.5). */
  DURATION(EnumSet.of(FindingKind.DURATION), List.of()),
  /** The candidate finishes 70+ minutes after the baseline (grace 1h, settle 3h): opens, closes. */
  CANDIDATE_LATE(Set.of(), List.of(new Breach(BreachKind.CANDIDATE_LATE, "candidate", true))),
  /** The baseline finishes 70+ minutes after the candidate: opens, closes. */
  BASELINE_LATE(Set.of(), List.of(new Breach(BreachKind.BASELINE_LATE, "baseline", true))),
  /** The candidate never reports: the breach stays open and the pair settles as a mismatch. */
  CANDIDATE_ABSENT(
      EnumSet.of(FindingKind.STATUS, FindingKind.OUTPUT_MISSING),
      List.of(new Breach(BreachKind.CANDIDATE_LATE, "candidate", false))),
  /** Scheduled workflow: the candidate is done after fire + SLA (but within grace and settle). */
  SLA_MISSED(Set.of(), List.of(new Breach(BreachKind.SLA_MISSED, "candidate", true)));

  /** A breach the fault causes; {@code closes}: the late side arrives in the end. */
  public record Breach(BreachKind kind, String side, boolean closes) {}

  private final Set<FindingKind> kinds;
  private final List<Breach> breaches;

  Fault(Set<FindingKind> kinds, List<Breach> breaches) {
    this.kinds = kinds.isEmpty() ? Set.of() : Set.copyOf(kinds);
    this.breaches = breaches;
  }

  public Set<FindingKind> kinds() {
    return kinds;
  }

  public List<Breach> breaches() {
    return breaches;
  }

  /** Faults for workflows without a schedule. */
  public static final List<Fault> UNSCHEDULED =
      List.of(
          STATUS_FAILED,
          STATUS_SKIPPED,
          OUTPUT_MISSING,
          ROW_COUNT,
          CONTENT,
          SCHEMA,
          COLUMN_STAT,
          DURATION,
          CANDIDATE_LATE,
          BASELINE_LATE,
          CANDIDATE_ABSENT);

  /** Faults for scheduled workflows. */
  public static final List<Fault> SCHEDULED = List.of(SLA_MISSED);
}
