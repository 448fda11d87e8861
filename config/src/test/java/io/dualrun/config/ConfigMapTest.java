package io.dualrun.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigMapTest {
  @TempDir Path dir;

  private ConfigMap load(String yaml) throws Exception {
    Path file = dir.resolve("svc.yaml");
    Files.writeString(file, yaml);
    return ConfigMap.load(file);
  }

  @Test
  void flattensNestedKeysAndKeepsFreeMaps() throws Exception {
    ConfigMap c =
        load(
            """
            kafka:
              bootstrap-servers: broker:9092
              properties: {security.protocol: SASL_SSL}
            http: {port: 7071}
            settle: 90s
            """);
    CommonSettings common = CommonSettings.from(c);
    assertThat(common.bootstrapServers()).isEqualTo("broker:9092");
    assertThat(common.kafkaClientProperties()).containsEntry("security.protocol", "SASL_SSL");
    assertThat(c.port("http.port", 0)).isEqualTo(7071);
    assertThat(c.duration("settle", Duration.ZERO)).isEqualTo(Duration.ofSeconds(90));
    c.checkNoUnknownKeys();
  }

  @Test
  void namesTheBadKey() throws Exception {
    ConfigMap c = load("http: {port: seventy}\n");
    assertThatThrownBy(() -> c.port("http.port", 0))
        .isInstanceOf(ConfigException.class)
        .hasMessageEndingWith("svc.yaml: http.port: 'seventy' is not a whole number");
  }

  @Test
  void reportsUnknownKeys() throws Exception {
    ConfigMap c = load("http: {prot: 1}\nregistry: {url: 'http://r:8081'}\n");
    CommonSettings.from(c);
    assertThatThrownBy(c::checkNoUnknownKeys)
        .hasMessageContaining("unknown configuration keys: http.prot");
  }

  @Test
  void registryCredentialsGoTogether() throws Exception {
    ConfigMap c = load("registry: {url: 'http://r:8081', username: u}\n");
    assertThatThrownBy(() -> CommonSettings.from(c))
        .hasMessageContaining("registry.username and registry.password must be given together");
  }

  @Test
  void refusesARelativeRegistryUrl() throws Exception {
    ConfigMap c = load("registry: {url: 'r:8081'}\n");
    assertThatThrownBy(() -> CommonSettings.from(c)).hasMessageContaining("registry.url");
  }

  @Test
  void overridesWin() throws Exception {
    ConfigMap c = load("http: {port: 1}\n").with(java.util.Map.of("http.port", "2"));
    assertThat(c.port("http.port", 0)).isEqualTo(2);
  }
}
