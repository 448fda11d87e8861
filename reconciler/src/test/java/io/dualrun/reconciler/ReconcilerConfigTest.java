package io.dualrun.reconciler;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dualrun.config.CommonSettings;
import io.dualrun.config.ConfigException;
import io.dualrun.config.ConfigMap;
import io.dualrun.inventory.InventoryException;
import io.dualrun.reconciler.engine.Mode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReconcilerConfigTest {
  @Test
  void defaults() {
    var c = ReconcilerConfig.defaults(CommonSettings.from(ConfigMap.empty()));
    assertThat(c.applicationId()).isEqualTo("dualrun-reconciler");
    assertThat(c.mode()).isEqualTo(Mode.LIVE);
    assertThat(c.retention()).isEqualTo(Duration.ofDays(35));
    assertThat(c.commitInterval())
        .as("live: verdicts reach alerting quickly")
        .isEqualTo(Duration.ofMillis(30));
    ConfigMap replay = ConfigMap.of("t", java.util.Map.of("reconciler.mode", "replay"));
    assertThat(ReconcilerConfig.from(replay, CommonSettings.from(replay)).commitInterval())
        .as("replay: throughput")
        .isEqualTo(Duration.ofMillis(200));
    assertThat(ReconcilerTopology.streamsProperties(c).get("processing.guarantee"))
        .isEqualTo("exactly_once_v2");
  }

  @Test
  void streamThreadsDefaultToTheProcessorsAtMostOnePerInputPartition() {
    int processors = Runtime.getRuntime().availableProcessors();
    for (int partitions : new int[] {1, 2, 6, 200}) {
      ConfigMap map = ConfigMap.of("r.yaml", Map.of("topics.partitions", partitions));
      var c = ReconcilerConfig.from(map, CommonSettings.from(map));
      assertThat(c.threads())
          .as("%d partitions", partitions)
          .isEqualTo(Math.min(processors, partitions));
    }
    ConfigMap set = ConfigMap.of("r.yaml", Map.of("reconciler.threads", 3));
    assertThat(ReconcilerConfig.from(set, CommonSettings.from(set)).threads()).isEqualTo(3);
  }

  @Test
  void badValuesNameTheKey() {
    ConfigMap bad = ConfigMap.of("reconciler.yaml", Map.of("reconciler.mode", "sometimes"));
    assertThatThrownBy(() -> ReconcilerConfig.from(bad, CommonSettings.from(bad)))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("reconciler.yaml")
        .hasMessageContaining("reconciler.mode");
    ConfigMap zero = ConfigMap.of("reconciler.yaml", Map.of("reconciler.retention", "0s"));
    assertThatThrownBy(() -> ReconcilerConfig.from(zero, CommonSettings.from(zero)))
        .hasMessageContaining("reconciler.retention");
  }

  @Test
  void unknownKeysAreRefused(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("r.yaml");
    Files.writeString(file, "reconciler:\n  retension: 3d\n");
    assertThatThrownBy(() -> ReconcilerMain.load(file))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("reconciler.retension");
  }

  @Test
  void invalidInventoryStopsTheStartWithFileLineAndField(@TempDir Path dir) throws Exception {
    Path inventory = dir.resolve("workflows.yaml");
    Files.writeString(inventory, "workflows:\n  kpi:\n    tier: 9\n");
    Path file = dir.resolve("r.yaml");
    Files.writeString(file, "inventory: " + inventory + "\n");
    var config = ReconcilerMain.load(file);
    assertThatThrownBy(() -> ReconcilerService.create(config))
        .isInstanceOf(InventoryException.class)
        .hasMessageContaining("workflows.yaml:")
        .hasMessageContaining("owner");
  }
}
