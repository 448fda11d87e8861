package io.dualrun.loadtest.gen;

import io.dualrun.schemas.avro.OutputFingerprint;
import io.dualrun.schemas.avro.RunEvent;
import org.apache.avro.specific.SpecificRecord;

/**
 * A generated record and when it is sent: {@code sendAt} is its event time, or slightly earlier or
 * later when noise reorders or repeats it. Records are sent in {@code (sendAt, seq)} order.
 */
public record Timed(long sendAt, long seq, SpecificRecord record) implements Comparable<Timed> {

  public boolean isEvent() {
    return record instanceof RunEvent;
  }

  public RunEvent event() {
    return (RunEvent) record;
  }

  public OutputFingerprint fingerprint() {
    return (OutputFingerprint) record;
  }

  public String key() {
    return record instanceof RunEvent e
        ? e.getWorkflow() + "/" + e.getPartition()
        : fingerprint().getWorkflow() + "/" + fingerprint().getPartition();
  }

  @Override
  public int compareTo(Timed o) {
    int c = Long.compare(sendAt, o.sendAt);
    return c != 0 ? c : Long.compare(seq, o.seq);
  }
}
