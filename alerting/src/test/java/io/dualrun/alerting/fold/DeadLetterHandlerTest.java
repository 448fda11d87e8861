package io.dualrun.alerting.fold;

import static org.assertj.core.api.Assertions.assertThat;

import io.dualrun.registry.RegistryException;
import io.dualrun.schemas.topic.TopicCatalog;
import java.nio.charset.StandardCharsets;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.streams.errors.DeserializationExceptionHandler.Result;
import org.junit.jupiter.api.Test;

class DeadLetterHandlerTest {
  private final DeadLetterHandler handler = new DeadLetterHandler();
  private final ConsumerRecord<byte[], byte[]> record =
      new ConsumerRecord<>(
          TopicCatalog.VERDICTS,
          1,
          7L,
          "k".getBytes(StandardCharsets.UTF_8),
          "v".getBytes(StandardCharsets.UTF_8));

  @Test
  void aRegistryOutageFailsTheThreadInsteadOfDeadLettering() {
    var outage =
        new SerializationException(
            "cannot fetch", new RegistryException("fetch schema id 9", "timeout", true, 503, null));

    var response = handler.handleError(null, record, outage);

    assertThat(response.result()).isEqualTo(Result.FAIL);
    assertThat(response.deadLetterQueueRecords()).isEmpty();
  }

  @Test
  void anUnreadableRecordGoesToTheDlqWithItsBytes() {
    var response = handler.handleError(null, record, new SerializationException("magic byte"));

    assertThat(response.result()).isEqualTo(Result.RESUME);
    assertThat(response.deadLetterQueueRecords()).hasSize(1);
    assertThat(response.deadLetterQueueRecords().get(0).topic()).isEqualTo(TopicCatalog.DLQ);
  }
}
