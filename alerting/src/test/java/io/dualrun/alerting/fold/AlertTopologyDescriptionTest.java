package io.dualrun.alerting.fold;

import static org.assertj.core.api.Assertions.assertThat;

import io.dualrun.registry.SchemaRegistry;
import io.dualrun.schemas.topic.TopicCatalog;
import io.dualrun.schemas.topic.TopicSettings;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * The fold's shape is a contract (store and repartition names make changelog and internal topics):
 * it is compared with {@code src/test/resources/alert-topology.txt}. Regenerate the file
 * deliberately with {@code -Dalerting.golden.update=true}.
 */
class AlertTopologyDescriptionTest {
  @Test
  void topologyMatchesTheGoldenFile() throws IOException {
    var catalog = TopicCatalog.create(SchemaRegistry.inMemory(), TopicSettings.SINGLE_NODE, true);
    String actual =
        AlertTopology.build(
                    catalog,
                    "alerting.alerts",
                    Duration.ofSeconds(30),
                    Duration.ofHours(4),
                    Duration.ofSeconds(1))
                .describe()
                .toString()
                .strip()
            + "\n";
    if (Boolean.getBoolean("alerting.golden.update")) {
      Files.writeString(Path.of("src/test/resources/alert-topology.txt"), actual);
    }
    String expected;
    try (InputStream in = getClass().getResourceAsStream("/alert-topology.txt")) {
      assertThat(in).as("src/test/resources/alert-topology.txt is missing").isNotNull();
      expected = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
    assertThat(actual).isEqualTo(expected);
    assertThat(actual)
        .contains("signals-by-workflow")
        .contains(AlertProcessor.ALERTS_STORE)
        .doesNotContain("KSTREAM-")
        .doesNotContain("KTABLE-");
  }
}
