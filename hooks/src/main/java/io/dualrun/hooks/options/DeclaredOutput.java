package io.dualrun.hooks.options;

import io.dualrun.inventory.Inventory;
import io.dualrun.inventory.InventoryException;
import io.dualrun.inventory.InventoryLoader;
import io.dualrun.inventory.OutputSpec;
import java.nio.file.Path;

/** An output a workflow declares in an inventory, as the hooks' --inventory options look it up. */
public final class DeclaredOutput {
  private DeclaredOutput() {}

  /**
   * The output {@code output} of {@code workflow} in the inventory file {@code inventory}.
   *
   * @throws IllegalArgumentException naming the file and what is missing from it (or the
   *     inventory's own error, with its file, line and field)
   */
  public static OutputSpec find(Path inventory, String workflow, String output) {
    Inventory inv;
    try {
      inv = InventoryLoader.load(inventory);
    } catch (InventoryException e) {
      throw new IllegalArgumentException(e.getMessage(), e);
    }
    return inv
        .workflow(workflow)
        .orElseThrow(
            () ->
                new IllegalArgumentException(
                    "--inventory " + inventory + ": no workflow '" + workflow + "'"))
        .outputs()
        .stream()
        .filter(o -> o.name().equals(output))
        .findFirst()
        .orElseThrow(
            () ->
                new IllegalArgumentException(
                    "--inventory "
                        + inventory
                        + ": workflow "
                        + workflow
                        + " declares no output '"
                        + output
                        + "' (--output)"));
  }
}
