package io.dualrun.reconciler.decide;

import io.dualrun.schemas.avro.Outcome;
import io.dualrun.schemas.avro.Verdict;
import java.nio.ByteBuffer;
import java.util.Objects;

/**
 * A verdict with its Avro binary ({@link VerdictCodec}), encoded once for both the pair state
 * ({@code lastVerdict}) and the output topics.
 *
 * @param verdict the verdict
 * @param body its Avro binary, no header; read with {@link ByteBuffer#duplicate()}
 */
public record EncodedVerdict(Verdict verdict, ByteBuffer body) {
  public EncodedVerdict {
    Objects.requireNonNull(verdict, "verdict");
    Objects.requireNonNull(body, "body");
  }

  public static EncodedVerdict of(Verdict verdict) {
    return new EncodedVerdict(verdict, VerdictCodec.encode(verdict));
  }

  public boolean isMismatch() {
    return verdict.getOutcome() == Outcome.MISMATCH;
  }
}
