package io.dualrun.reconciler.errors;

import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.streams.errors.DeserializationExceptionHandler;
import org.apache.kafka.streams.errors.ErrorHandlerContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** An input record that cannot be read goes to the DLQ with the reason; processing continues. */
public final class DlqDeserializationHandler implements DeserializationExceptionHandler {
  private static final Logger LOG = LoggerFactory.getLogger(DlqDeserializationHandler.class);

  @Override
  public Response handleError(
      ErrorHandlerContext context, ConsumerRecord<byte[], byte[]> record, Exception exception) {
    String reason = DlqRecords.reason("cannot read record", exception);
    LOG.warn(
        "{}-{}@{} to the DLQ: {}", record.topic(), record.partition(), record.offset(), reason);
    return Response.resume(
        List.of(
            DlqRecords.of(
                record.key(),
                record.value(),
                reason,
                exception,
                record.topic(),
                record.partition(),
                record.offset())));
  }

  @Override
  public void configure(Map<String, ?> configs) {
    // nothing to configure
  }
}
