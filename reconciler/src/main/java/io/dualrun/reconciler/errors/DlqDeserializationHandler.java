package io.dualrun.reconciler.errors;

import io.dualrun.registry.RegistryException;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.streams.errors.DeserializationExceptionHandler;
import org.apache.kafka.streams.errors.ErrorHandlerContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An input record that cannot be read goes to the DLQ with the reason; processing continues. A
 * record that could not be read only because the schema registry is unavailable is not a bad
 * record: the stream thread stops (and is replaced) without committing it, so it is read again.
 */
public final class DlqDeserializationHandler implements DeserializationExceptionHandler {
  private static final Logger LOG = LoggerFactory.getLogger(DlqDeserializationHandler.class);

  @Override
  public Response handleError(
      ErrorHandlerContext context, ConsumerRecord<byte[], byte[]> record, Exception exception) {
    if (RegistryException.isTransientIn(exception)) {
      // the registry is down, the record is fine: stop here and read it again once it answers
      LOG.warn(
          "{}-{}@{} not read yet, the schema registry is unavailable: {}",
          record.topic(),
          record.partition(),
          record.offset(),
          exception.getMessage());
      return Response.fail();
    }
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
