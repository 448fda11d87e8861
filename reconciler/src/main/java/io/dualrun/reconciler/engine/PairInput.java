package io.dualrun.reconciler.engine;

import io.dualrun.schemas.avro.OutputFingerprint;
import io.dualrun.schemas.avro.RunEvent;

/** One record of either input topic, as the pair processor sees it. */
public record PairInput(RunEvent event, OutputFingerprint fingerprint) {
  public static PairInput of(RunEvent e) {
    return new PairInput(e, null);
  }

  public static PairInput of(OutputFingerprint f) {
    return new PairInput(null, f);
  }

  public boolean isEvent() {
    return event != null;
  }

  public String workflow() {
    return isEvent() ? event.getWorkflow() : fingerprint.getWorkflow();
  }

  public String partition() {
    return isEvent() ? event.getPartition() : fingerprint.getPartition();
  }

  public String eventId() {
    return isEvent() ? event.getEventId() : fingerprint.getEventId();
  }
}
