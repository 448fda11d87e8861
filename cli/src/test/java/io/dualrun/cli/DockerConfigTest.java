package io.dualrun.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dualrun.alerting.AlertingConfig;
import io.dualrun.config.CommonSettings;
import io.dualrun.config.ConfigMap;
import io.dualrun.ingest.IngestConfig;
import io.dualrun.inventory.InventoryLoader;
import io.dualrun.reconciler.ReconcilerConfig;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The configuration files shipped for the container setup are valid service configurations. */
class DockerConfigTest {
  private static final Path CONFIG = Path.of("..", "docker", "config");
  private static final Map<String, String> LOCAL_INVENTORY =
      Map.of("inventory", CONFIG.resolve("workflows.yaml").toString());

  @Test
  void reconcilerConfigsAreValid() {
    for (String file : new String[] {"reconciler.yaml", "reconciler-2.yaml"}) {
      ConfigMap c = ConfigMap.load(CONFIG.resolve(file)).with(LOCAL_INVENTORY);
      ReconcilerConfig config = ReconcilerConfig.from(c, CommonSettings.from(c));
      c.checkNoUnknownKeys();
      assertThat(config.common().topics().replicationFactor()).isEqualTo((short) 3);
      assertThat(config.common().loadInventory().workflows()).hasSize(12);
    }
  }

  @Test
  void alertingConfigIsValid() {
    ConfigMap c = ConfigMap.load(CONFIG.resolve("alerting.yaml")).with(LOCAL_INVENTORY);
    assertThat(AlertingConfig.from(c)).isNotNull();
  }

  @Test
  void ingestConfigNamesTheMissingTokenVariable() {
    ConfigMap c = ConfigMap.load(CONFIG.resolve("ingest.yaml")).with(LOCAL_INVENTORY);
    assertThatThrownBy(() -> IngestConfig.from(c)).hasMessageContaining("DUALRUN_AIRFLOW_TOKEN");
  }

  @Test
  void inventoryIsValid() {
    assertThat(InventoryLoader.load(CONFIG.resolve("workflows.yaml")).workflows()).hasSize(12);
  }
}
