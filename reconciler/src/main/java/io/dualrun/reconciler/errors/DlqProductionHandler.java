package io.dualrun.reconciler.errors;

import io.dualrun.reconciler.engine.Emission;
import io.dualrun.registry.RegistryException;
import io.dualrun.schemas.json.AvroJson;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.apache.avro.generic.IndexedRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.RetriableException;
import org.apache.kafka.streams.errors.ErrorHandlerContext;
import org.apache.kafka.streams.errors.ProductionExceptionHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Output that cannot be written: retriable send errors are retried; a record the broker refuses
 * (e.g. too large) or that cannot be serialized goes to the DLQ (as Avro bytes, or as JSON when it
 * could not be serialized) with the reason, and processing continues.
 */
public final class DlqProductionHandler implements ProductionExceptionHandler {
  private static final Logger LOG = LoggerFactory.getLogger(DlqProductionHandler.class);

  @Override
  public Response handleError(
      ErrorHandlerContext context, ProducerRecord<byte[], byte[]> record, Exception exception) {
    if (exception instanceof RetriableException) {
      return Response.retry();
    }
    if (record.topic().equals(io.dualrun.schemas.topic.TopicCatalog.DLQ)) {
      LOG.error("cannot write to the DLQ itself: {}", exception.toString(), exception);
      return Response.fail();
    }
    String reason = DlqRecords.reason("cannot write to " + record.topic(), exception);
    LOG.error("record for {} to the DLQ: {}", record.topic(), reason);
    return Response.resume(
        List.of(
            DlqRecords.of(
                record.key(),
                record.value(),
                reason,
                exception,
                context == null ? record.topic() : context.topic(),
                context == null ? -1 : context.partition(),
                context == null ? -1 : context.offset())));
  }

  @Override
  @SuppressWarnings({"rawtypes", "unchecked"})
  public Response handleSerializationError(
      ErrorHandlerContext context,
      ProducerRecord record,
      Exception exception,
      SerializationExceptionOrigin origin) {
    if (RegistryException.isTransientIn(exception)) {
      // the schema could not be registered because the registry is down: not a bad record
      LOG.warn("cannot write to {} yet, the schema registry is unavailable", record.topic());
      return Response.fail();
    }
    String reason =
        DlqRecords.reason(
            "cannot serialize " + origin.name().toLowerCase() + " for " + record.topic(),
            exception);
    LOG.error("record for {} to the DLQ: {}", record.topic(), reason);
    return Response.resume(
        List.of(
            DlqRecords.of(
                bytes(record.key()),
                bytes(record.value()),
                reason,
                exception,
                context == null ? record.topic() : context.topic(),
                context == null ? -1 : context.partition(),
                context == null ? -1 : context.offset())));
  }

  private static byte[] bytes(Object o) {
    if (o == null) {
      return null;
    }
    if (o instanceof byte[] b) {
      return b;
    }
    Object value = o instanceof Emission e ? e.value() : o;
    String text =
        value instanceof IndexedRecord r ? AvroJson.write(r).toString() : value.toString();
    return text.getBytes(StandardCharsets.UTF_8);
  }

  @Override
  public void configure(Map<String, ?> configs) {
    // nothing to configure
  }
}
