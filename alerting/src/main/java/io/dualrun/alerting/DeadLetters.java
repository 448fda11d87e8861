package io.dualrun.alerting;

import io.dualrun.schemas.topic.DlqHeaders;
import io.dualrun.schemas.topic.TopicCatalog;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;

/** Puts a record alerting cannot read on dualrun.dlq.v1 with the reason in headers. */
final class DeadLetters {
  private final Producer<String, byte[]> producer;

  DeadLetters(Producer<String, byte[]> producer) {
    this.producer = producer;
  }

  void send(ConsumerRecord<byte[], byte[]> r, Exception e) {
    RecordHeaders headers = new RecordHeaders();
    DlqHeaders.put(
        headers, DlqHeaders.REASON, "alerting cannot read the record: " + e.getMessage());
    DlqHeaders.put(headers, DlqHeaders.ERROR_CLASS, e.getClass().getName());
    DlqHeaders.put(headers, DlqHeaders.SOURCE, r.topic());
    DlqHeaders.put(headers, DlqHeaders.SOURCE_PARTITION, Integer.toString(r.partition()));
    DlqHeaders.put(headers, DlqHeaders.SOURCE_OFFSET, Long.toString(r.offset()));
    DlqHeaders.put(headers, DlqHeaders.COMPONENT, "alerting");
    String key = r.key() == null ? null : new String(r.key(), StandardCharsets.UTF_8);
    try {
      producer
          .send(new ProducerRecord<>(TopicCatalog.DLQ, null, null, key, r.value(), headers))
          .get(30, TimeUnit.SECONDS);
    } catch (Exception ex) {
      throw new IllegalStateException("cannot write to " + TopicCatalog.DLQ + ": " + ex, ex);
    }
  }
}
