package io.dualrun.reconciler.stream;

import io.dualrun.schemas.avro.FreshnessBreach;
import io.dualrun.schemas.avro.Outcome;
import io.dualrun.schemas.avro.Verdict;

/** What the pair processor emits: a verdict revision or a breach change. */
public record Emission(Verdict verdict, FreshnessBreach breach) {
  public static Emission of(Verdict v) {
    return new Emission(v, null);
  }

  public static Emission of(FreshnessBreach b) {
    return new Emission(null, b);
  }

  public boolean isVerdict() {
    return verdict != null;
  }

  public boolean isMismatch() {
    return verdict != null && verdict.getOutcome() == Outcome.MISMATCH;
  }

  public long timestamp() {
    return isVerdict()
        ? verdict.getDecidedAt().toEpochMilli()
        : breach.getObservedAt().toEpochMilli();
  }
}
