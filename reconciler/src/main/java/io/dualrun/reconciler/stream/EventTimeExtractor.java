package io.dualrun.reconciler.stream;

import io.dualrun.reconciler.engine.PairInput;
import io.dualrun.schemas.avro.OutputFingerprint;
import io.dualrun.schemas.avro.RunEvent;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.streams.processor.TimestampExtractor;

/**
 * Event time of an input record: its {@code eventTime} field, so that stream time (replay mode)
 * follows the history being replayed whatever the producer's timestamps; the record timestamp for
 * anything else.
 */
public final class EventTimeExtractor implements TimestampExtractor {
  @Override
  public long extract(ConsumerRecord<Object, Object> record, long partitionTime) {
    Object value = record.value();
    if (value instanceof PairInput in) {
      value = in.isEvent() ? in.event() : in.fingerprint();
    }
    long t = -1;
    if (value instanceof RunEvent e && e.getEventTime() != null) {
      t = e.getEventTime().toEpochMilli();
    } else if (value instanceof OutputFingerprint f && f.getEventTime() != null) {
      t = f.getEventTime().toEpochMilli();
    }
    if (t < 0) {
      t = record.timestamp();
    }
    return t >= 0 ? t : Math.max(partitionTime, 0);
  }
}
