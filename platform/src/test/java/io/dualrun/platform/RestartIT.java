package io.dualrun.platform;

import static org.assertj.core.api.Assertions.assertThat;

import io.dualrun.registry.SchemaRegistry;
import io.dualrun.schemas.avro.RunEvent;
import io.dualrun.schemas.topic.TopicCatalog;
import java.nio.file.Path;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RestartIT {
  @TempDir Path dataDir;

  @Test
  void recordsAndSchemaIdsSurviveAStopAndAStartOnTheSameDataDirectory() throws Exception {
    List<RunEvent> events =
        List.of(PlatformSampleRecords.runEvent(1), PlatformSampleRecords.runEvent(2));
    List<RecordMetadata> written;
    int schemaId;
    try (LocalPlatform first = LocalPlatform.start(LocalPlatformConfig.in(dataDir))) {
      written =
          TopicIo.produce(first, first.catalog().runEvents(), PlatformSampleRecords.KEY, events);
      schemaId = registeredId(first);
    }

    try (LocalPlatform second = LocalPlatform.start(LocalPlatformConfig.in(dataDir))) {
      assertThat(registeredId(second)).isEqualTo(schemaId);
      assertThat(readBack(second, written)).containsExactlyElementsOf(events);

      second.broker().kill();
      assertThat(second.broker().isRunning()).isFalse();
      second.broker().start();
      assertThat(readBack(second, written)).containsExactlyElementsOf(events);
    }
  }

  private static int registeredId(LocalPlatform platform) throws Exception {
    return SchemaRegistry.connect(platform.registrySettings())
        .lookup(TopicCatalog.RUN_EVENTS + "-value", RunEvent.getClassSchema());
  }

  private static List<RunEvent> readBack(LocalPlatform platform, List<RecordMetadata> written) {
    RecordMetadata first = written.get(0);
    var runEvents = platform.catalog().runEvents();
    return TopicIo.read(
            platform,
            runEvents.name(),
            first.partition(),
            first.offset(),
            written.size(),
            runEvents.keySerde().deserializer(),
            runEvents.valueSerde().deserializer())
        .stream()
        .map(ConsumerRecord::value)
        .toList();
  }
}
