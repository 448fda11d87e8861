package io.dualrun.reconciler.errors;

import io.dualrun.schemas.topic.DlqHeaders;
import io.dualrun.schemas.topic.TopicCatalog;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;

/** Builds records for dualrun.dlq.v1: the original bytes, the reason and origin in headers. */
public final class DlqRecords {
  public static final String COMPONENT = "reconciler";

  private DlqRecords() {}

  public static ProducerRecord<byte[], byte[]> of(
      byte[] key,
      byte[] value,
      String reason,
      Throwable error,
      String sourceTopic,
      int sourcePartition,
      long sourceOffset) {
    RecordHeaders headers = new RecordHeaders();
    DlqHeaders.put(headers, DlqHeaders.REASON, reason);
    DlqHeaders.put(
        headers, DlqHeaders.ERROR_CLASS, error == null ? null : error.getClass().getName());
    DlqHeaders.put(headers, DlqHeaders.SOURCE, sourceTopic);
    if (sourcePartition >= 0) {
      DlqHeaders.put(headers, DlqHeaders.SOURCE_PARTITION, Integer.toString(sourcePartition));
    }
    if (sourceOffset >= 0) {
      DlqHeaders.put(headers, DlqHeaders.SOURCE_OFFSET, Long.toString(sourceOffset));
    }
    DlqHeaders.put(headers, DlqHeaders.COMPONENT, COMPONENT);
    return new ProducerRecord<>(TopicCatalog.DLQ, null, null, key, value, headers);
  }

  /** The exception's message, or its class name when it has none; causes appended. */
  public static String reason(String prefix, Throwable error) {
    StringBuilder s = new StringBuilder(prefix);
    Throwable t = error;
    String last = null;
    while (t != null) {
      String m = t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
      if (!m.equals(last)) {
        s.append(t == error ? ": " : " (caused by: ").append(m).append(t == error ? "" : ")");
      }
      last = m;
      t = t.getCause() == t ? null : t.getCause();
    }
    return s.toString();
  }
}
