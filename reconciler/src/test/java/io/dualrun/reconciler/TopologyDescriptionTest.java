package io.dualrun.reconciler;

import static org.assertj.core.api.Assertions.assertThat;

import io.dualrun.config.CommonSettings;
import io.dualrun.config.ConfigMap;
import io.dualrun.inventory.Inventory;
import io.dualrun.registry.SchemaRegistry;
import io.dualrun.schemas.topic.TopicCatalog;
import io.dualrun.schemas.topic.TopicSettings;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * The topology's shape is a contract (store and node names make changelog topics and state
 * directories): it is compared with {@code src/test/resources/topology.txt}. Regenerate the file
 * deliberately with {@code -Dreconciler.golden.update=true}.
 */
class TopologyDescriptionTest {
  @Test
  void topologyMatchesTheGoldenFile() throws IOException {
    var config = ReconcilerConfig.defaults(CommonSettings.from(ConfigMap.empty()));
    var catalog = TopicCatalog.create(SchemaRegistry.inMemory(), TopicSettings.SINGLE_NODE, true);
    String actual =
        Harness.topology(config, Inventory.empty(), catalog).describe().toString().strip() + "\n";
    if (Boolean.getBoolean("reconciler.golden.update")) {
      Files.writeString(Path.of("src/test/resources/topology.txt"), actual);
    }
    String expected;
    try (InputStream in = getClass().getResourceAsStream("/topology.txt")) {
      assertThat(in).as("src/test/resources/topology.txt is missing").isNotNull();
      expected = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
    assertThat(actual).isEqualTo(expected);
    assertThat(actual)
        .contains("reconciler-pairs")
        .contains("reconciler-schedule-cursors")
        .contains("reconciler-fingerprint-lags")
        .doesNotContain("KSTREAM-")
        .doesNotContain("KSTREAM-SOURCE");
  }
}
