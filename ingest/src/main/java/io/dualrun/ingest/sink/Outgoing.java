package io.dualrun.ingest.sink;

import io.dualrun.schemas.PairKey;
import io.dualrun.schemas.avro.OutputFingerprint;
import io.dualrun.schemas.avro.RunEvent;

/** One record a request writes to Kafka. */
public sealed interface Outgoing {

  /** A run event for {@code dualrun.run-events.v1}. */
  record Event(RunEvent event) implements Outgoing {
    public String key() {
      return PairKey.key(event.getWorkflow(), event.getPartition());
    }
  }

  /** A fingerprint for {@code dualrun.fingerprints.v1}. */
  record Fingerprint(OutputFingerprint fingerprint) implements Outgoing {
    public String key() {
      return PairKey.key(fingerprint.getWorkflow(), fingerprint.getPartition());
    }
  }

  /**
   * A record kept on {@code dualrun.dlq.v1} so it can be replayed: the original body, the reason
   * and where it came from.
   */
  record DeadLetter(byte[] key, byte[] body, String reason, String source) implements Outgoing {}
}
