package io.dualrun.reconciler;

import static org.assertj.core.api.Assertions.assertThat;

import io.dualrun.config.ConfigDocs;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * docs/reconciler.md's configuration table is the declarations' table. Regenerate it deliberately
 * with {@code -Ddualrun.docs.update=true}.
 */
class ConfigTablesTest {
  private static final Path DOC = Path.of("../docs/reconciler.md");

  @Test
  void theDocumentedTableIsTheDeclaredOne() throws IOException {
    String doc = Files.readString(DOC, StandardCharsets.UTF_8);
    if (Boolean.getBoolean("dualrun.docs.update")) {
      doc = ConfigDocs.regenerate(doc, ReconcilerConfig.KEYS);
      Files.writeString(DOC, doc, StandardCharsets.UTF_8);
    }
    assertThat(ConfigDocs.differences(doc, ReconcilerConfig.KEYS))
        .as(
            "docs/reconciler.md against ReconcilerConfig.KEYS (-Ddualrun.docs.update=true rewrites)")
        .isEmpty();
  }
}
