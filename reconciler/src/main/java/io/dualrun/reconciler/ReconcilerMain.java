package io.dualrun.reconciler;

import io.dualrun.config.CommonSettings;
import io.dualrun.config.ConfigMap;
import java.nio.file.Path;

/** {@code java io.dualrun.reconciler.ReconcilerMain --config reconciler.yaml}. */
public final class ReconcilerMain {
  private ReconcilerMain() {}

  public static void main(String[] args) {
    System.exit(new picocli.CommandLine(new ReconcilerCommand()).execute(args));
  }

  /** Reads and validates the configuration file (unknown keys are refused). */
  public static ReconcilerConfig load(Path file) {
    ConfigMap map = ConfigMap.load(file);
    ReconcilerConfig config = ReconcilerConfig.from(map, CommonSettings.from(map));
    map.checkNoUnknownKeys();
    return config;
  }
}
