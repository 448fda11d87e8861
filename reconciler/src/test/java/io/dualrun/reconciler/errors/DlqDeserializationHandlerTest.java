package io.dualrun.reconciler.errors;

import static org.assertj.core.api.Assertions.assertThat;

import io.dualrun.registry.RegistryException;
import java.nio.charset.StandardCharsets;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.streams.errors.DeserializationExceptionHandler.Result;
import org.junit.jupiter.api.Test;

class DlqDeserializationHandlerTest {
  private final DlqDeserializationHandler handler = new DlqDeserializationHandler();
  private final ConsumerRecord<byte[], byte[]> record =
      new ConsumerRecord<>(
          "dualrun.run-events.v1",
          3,
          42L,
          "k".getBytes(StandardCharsets.UTF_8),
          "v".getBytes(StandardCharsets.UTF_8));

  @Test
  void aRecordUnreadableBecauseTheRegistryIsDownIsRetriedNotDeadLettered() {
    var outage =
        new SerializationException(
            "schema id 4 cannot be fetched",
            new RegistryException("fetch schema id 4", "Connection refused", true, 0, null));

    var response = handler.handleError(null, record, outage);

    assertThat(response.result()).isEqualTo(Result.FAIL);
    assertThat(response.deadLetterQueueRecords()).isEmpty();
  }

  @Test
  void aRecordWithAnUnknownSchemaIdIsDeadLettered() {
    var unknown =
        new SerializationException(
            "schema id 4 cannot be fetched",
            new RegistryException("fetch schema id 4", "Schema not found", false, 404, null));

    var response = handler.handleError(null, record, unknown);

    assertThat(response.result()).isEqualTo(Result.RESUME);
    assertThat(response.deadLetterQueueRecords()).hasSize(1);
    assertThat(response.deadLetterQueueRecords().get(0).value()).isEqualTo(record.value());
  }
}
