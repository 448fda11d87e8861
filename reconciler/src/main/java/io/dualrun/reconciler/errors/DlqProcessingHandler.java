package io.dualrun.reconciler.errors;

import java.util.List;
import java.util.Map;
import org.apache.kafka.streams.errors.ErrorHandlerContext;
import org.apache.kafka.streams.errors.ProcessingExceptionHandler;
import org.apache.kafka.streams.processor.api.Record;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A record that was read but refused (RecordRules, key mismatch) or whose processing failed goes to
 * the DLQ with its original bytes and the reason; processing continues. A failing punctuation has
 * no record: it is logged and retried at the next punctuation.
 */
public final class DlqProcessingHandler implements ProcessingExceptionHandler {
  private static final Logger LOG = LoggerFactory.getLogger(DlqProcessingHandler.class);

  @Override
  public Response handleError(
      ErrorHandlerContext context, Record<?, ?> record, Exception exception) {
    String reason = DlqRecords.reason("cannot reconcile record", exception);
    byte[] key = context.sourceRawKey();
    byte[] value = context.sourceRawValue();
    if (record == null || (key == null && value == null)) {
      LOG.error(
          "processing failed in {} without a source record (task {}): {}",
          context.processorNodeId(),
          context.taskId(),
          reason,
          exception);
      return Response.resume();
    }
    LOG.warn(
        "{}-{}@{} to the DLQ: {}", context.topic(), context.partition(), context.offset(), reason);
    return Response.resume(
        List.of(
            DlqRecords.of(
                key,
                value,
                reason,
                exception,
                context.topic(),
                context.partition(),
                context.offset())));
  }

  @Override
  public void configure(Map<String, ?> configs) {
    // nothing to configure
  }
}
