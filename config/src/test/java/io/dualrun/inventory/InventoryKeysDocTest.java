package io.dualrun.inventory;

import static org.assertj.core.api.Assertions.assertThat;

import io.dualrun.config.ConfigDocs;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * docs/inventory.md's table of keys is {@link InventoryKeys}'. Regenerate it deliberately with
 * {@code -Ddualrun.docs.update=true}.
 */
class InventoryKeysDocTest {
  private static final Path DOC = Path.of("../docs/inventory.md");

  @Test
  void theDocumentedKeysAreTheAcceptedOnes() throws IOException {
    String doc = Files.readString(DOC, StandardCharsets.UTF_8);
    if (Boolean.getBoolean("dualrun.docs.update")) {
      doc = ConfigDocs.regenerate(doc, "inventory", InventoryKeys.markdownTable());
      Files.writeString(DOC, doc, StandardCharsets.UTF_8);
    }
    assertThat(ConfigDocs.differences(doc, "inventory", InventoryKeys.markdownTable()))
        .as("docs/inventory.md against InventoryKeys (-Ddualrun.docs.update=true rewrites it)")
        .isEmpty();
    assertThat(InventoryKeys.workflowKeys())
        .contains("owner", "schedule", "baseline", "candidate", "outputs");
    assertThat(InventoryKeys.keysBelow("schedule"))
        .containsExactlyInAnyOrder("cron", "partitionOffset", "timezone");
  }
}
