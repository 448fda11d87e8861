package io.dualrun.reconciler;

import io.dualrun.config.CommonSettings;
import io.dualrun.config.ConfigException;
import io.dualrun.config.ConfigMap;
import io.dualrun.inventory.InventoryException;
import java.nio.file.Path;

/** {@code java io.dualrun.reconciler.ReconcilerMain --config reconciler.yaml}. */
public final class ReconcilerMain {
  private ReconcilerMain() {}

  public static void main(String[] args) {
    if (args.length != 2 || !args[0].equals("--config")) {
      System.err.println("usage: ReconcilerMain --config FILE");
      System.exit(2);
    }
    try {
      Runnable stop = ReconcilerService.run(load(Path.of(args[1])));
      Runtime.getRuntime().addShutdownHook(new Thread(stop, "reconciler-shutdown"));
    } catch (ConfigException | InventoryException e) {
      System.err.println(e.getMessage());
      System.exit(2);
    } catch (RuntimeException e) {
      System.err.println("reconciler failed to start: " + e);
      e.printStackTrace();
      System.exit(1);
    }
  }

  /** Reads and validates the configuration file (unknown keys are refused). */
  public static ReconcilerConfig load(Path file) {
    ConfigMap map = ConfigMap.load(file);
    ReconcilerConfig config = ReconcilerConfig.from(map, CommonSettings.from(map));
    map.checkNoUnknownKeys();
    return config;
  }
}
