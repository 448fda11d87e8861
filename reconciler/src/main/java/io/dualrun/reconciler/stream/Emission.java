package io.dualrun.reconciler.stream;

import io.dualrun.reconciler.decide.EncodedVerdict;
import io.dualrun.schemas.avro.FreshnessBreach;

/** What the pair processor emits: a verdict revision or a breach change. */
public record Emission(EncodedVerdict verdict, FreshnessBreach breach) {
  public static Emission of(EncodedVerdict v) {
    return new Emission(v, null);
  }

  public static Emission of(FreshnessBreach b) {
    return new Emission(null, b);
  }

  public boolean isVerdict() {
    return verdict != null;
  }

  public long timestamp() {
    return isVerdict()
        ? verdict.verdict().getDecidedAt().toEpochMilli()
        : breach.getObservedAt().toEpochMilli();
  }
}
