package io.dualrun.cli;

import io.dualrun.config.ConfigMap;
import java.nio.file.Path;
import java.util.Map;

/** Reads the optional service configuration of standalone and demo. */
final class Settings {
  private Settings() {}

  static ConfigMap read(Path configFile, Path inventory) {
    ConfigMap map = configFile == null ? ConfigMap.empty() : ConfigMap.load(configFile);
    if (inventory != null) {
      map = map.with(Map.of("inventory", inventory.toAbsolutePath().toString()));
    }
    return map;
  }
}
