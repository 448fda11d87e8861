package io.dualrun.hooks.discover;

import io.dualrun.inventory.Inventory;
import io.dualrun.inventory.InventoryLoader;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** {@code -i/--inventory FILE}: the workflows.yaml a subcommand of {@code inventory} checks. */
final class InventoryFile {
  @Option(
      names = {"-i", "--inventory"},
      required = true,
      paramLabel = "FILE",
      description = "The workflows.yaml to check.")
  Path path;

  /** Loads it; an invalid file throws {@link io.dualrun.inventory.InventoryException}. */
  Inventory load() {
    return InventoryLoader.load(path);
  }
}
