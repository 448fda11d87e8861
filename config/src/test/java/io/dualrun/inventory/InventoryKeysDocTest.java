package io.dualrun.inventory;

import static org.assertj.core.api.Assertions.assertThat;

import io.dualrun.config.ConfigDocs;
import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * docs/inventory.md's table of keys is {@link InventoryKeys}'. Regenerate it deliberately with
 * {@code -Ddualrun.docs.update=true}.
 */
class InventoryKeysDocTest {

  @Test
  void theDocumentedKeysAreTheAcceptedOnes() throws IOException {
    assertThat(
            ConfigDocs.checkFile(
                Path.of("../docs/inventory.md"), "inventory", InventoryKeys.markdownTable()))
        .as("docs/inventory.md against InventoryKeys (-Ddualrun.docs.update=true rewrites it)")
        .isEmpty();
    assertThat(InventoryKeys.workflowKeys())
        .contains("owner", "schedule", "baseline", "candidate", "outputs");
    assertThat(InventoryKeys.keysBelow("schedule"))
        .containsExactlyInAnyOrder("cron", "partitionOffset", "timezone");
  }
}
