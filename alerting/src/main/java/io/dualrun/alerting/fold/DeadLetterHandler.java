package io.dualrun.alerting.fold;

import io.dualrun.registry.RegistryException;
import io.dualrun.schemas.topic.DlqHeaders;
import io.dualrun.schemas.topic.TopicCatalog;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.streams.errors.DeserializationExceptionHandler;
import org.apache.kafka.streams.errors.ErrorHandlerContext;

/**
 * An input record that cannot be read goes to dualrun.dlq.v1 (original key and value bytes, the
 * reason in {@link DlqHeaders}) in the same transaction, and processing goes on. A record that
 * could not be read only because the schema registry is unavailable fails the stream thread (which
 * is replaced) without being committed, so it is read again once the registry answers.
 */
public final class DeadLetterHandler implements DeserializationExceptionHandler {
  @Override
  public void configure(Map<String, ?> configs) {}

  @Override
  public Response handleError(
      ErrorHandlerContext context, ConsumerRecord<byte[], byte[]> record, Exception exception) {
    if (RegistryException.isTransientIn(exception)) {
      // the registry is down, the record is fine: the thread stops uncommitted and reads it again
      return Response.fail();
    }
    return Response.resume(List.of(deadLetter(record, exception)));
  }

  static ProducerRecord<byte[], byte[]> deadLetter(
      ConsumerRecord<byte[], byte[]> record, Exception exception) {
    RecordHeaders headers = new RecordHeaders();
    record.headers().forEach(headers::add);
    String reason = exception.getMessage() == null ? exception.toString() : exception.getMessage();
    DlqHeaders.put(headers, DlqHeaders.REASON, "alerting cannot read the record: " + reason);
    DlqHeaders.put(headers, DlqHeaders.ERROR_CLASS, exception.getClass().getName());
    DlqHeaders.put(headers, DlqHeaders.SOURCE, record.topic());
    DlqHeaders.put(headers, DlqHeaders.SOURCE_PARTITION, Integer.toString(record.partition()));
    DlqHeaders.put(headers, DlqHeaders.SOURCE_OFFSET, Long.toString(record.offset()));
    DlqHeaders.put(headers, DlqHeaders.COMPONENT, "alerting");
    return new ProducerRecord<>(
        TopicCatalog.DLQ, null, null, record.key(), record.value(), headers);
  }
}
