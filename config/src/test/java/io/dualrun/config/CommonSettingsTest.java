package io.dualrun.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class CommonSettingsTest {
  @Test
  void withoutAConfiguredReplicationFactorTopicsFollowTheCluster() {
    CommonSettings unset = CommonSettings.from(ConfigMap.empty());
    assertThat(unset.replicationFromCluster()).isTrue();
    CommonSettings set =
        CommonSettings.from(ConfigMap.of("c.yaml", Map.of("topics.replication-factor", 2)));
    assertThat(set.replicationFromCluster()).isFalse();
    assertThat(set.topics().replicationFactor()).isEqualTo((short) 2);

    assertThat(CommonSettings.replicationFor(1)).isEqualTo((short) 1);
    assertThat(CommonSettings.replicationFor(2)).isEqualTo((short) 2);
    assertThat(CommonSettings.replicationFor(3)).isEqualTo((short) 3);
    assertThat(CommonSettings.replicationFor(7)).as("never more than 3").isEqualTo((short) 3);
  }
}
