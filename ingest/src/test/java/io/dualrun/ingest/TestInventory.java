package io.dualrun.ingest;

import io.dualrun.inventory.Inventory;
import io.dualrun.inventory.InventoryLoader;
import java.net.URISyntaxException;
import java.nio.file.Path;

/** The test inventory {@code workflows.yaml}: revenue-daily (cron / airflow), orders-hourly. */
public final class TestInventory {
  private TestInventory() {}

  public static Path path() {
    try {
      return Path.of(TestInventory.class.getResource("/workflows.yaml").toURI());
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  public static Inventory load() {
    return InventoryLoader.load(path());
  }
}
