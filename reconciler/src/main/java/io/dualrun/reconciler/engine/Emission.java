package io.dualrun.reconciler.engine;

import io.dualrun.reconciler.decide.EncodedVerdict;
import io.dualrun.schemas.avro.FreshnessBreach;

/**
 * What the pair processor emits, and where it goes: a verdict revision (dualrun.verdicts.v1), the
 * same MISMATCH revision again for dualrun.mismatches.v1, or a breach change
 * (dualrun.freshness.v1).
 */
public record Emission(Route route, EncodedVerdict verdict, FreshnessBreach breach) {
  /** The output topic an emission is written to. */
  public enum Route {
    VERDICTS,
    MISMATCHES,
    FRESHNESS
  }

  public static Emission of(EncodedVerdict v) {
    return new Emission(Route.VERDICTS, v, null);
  }

  public static Emission of(FreshnessBreach b) {
    return new Emission(Route.FRESHNESS, null, b);
  }

  /** The copy of a MISMATCH verdict for the mismatches topic. */
  public Emission mismatchCopy() {
    return new Emission(Route.MISMATCHES, verdict, null);
  }

  public boolean isVerdict() {
    return verdict != null;
  }

  /** What the record holds, for a reader: the verdict or the breach. */
  public Object value() {
    return isVerdict() ? verdict.verdict() : breach;
  }

  public long timestamp() {
    return isVerdict()
        ? verdict.verdict().getDecidedAt().toEpochMilli()
        : breach.getObservedAt().toEpochMilli();
  }
}
