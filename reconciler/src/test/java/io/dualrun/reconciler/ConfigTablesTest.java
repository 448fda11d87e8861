package io.dualrun.reconciler;

import static org.assertj.core.api.Assertions.assertThat;

import io.dualrun.config.ConfigDocs;
import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * docs/reconciler.md's configuration table is the declarations' table. Regenerate it deliberately
 * with {@code -Ddualrun.docs.update=true}.
 */
class ConfigTablesTest {

  @Test
  void theDocumentedTableIsTheDeclaredOne() throws IOException {
    assertThat(
            ConfigDocs.checkFile(
                Path.of("../docs/reconciler.md"),
                ReconcilerConfig.KEYS.name(),
                ReconcilerConfig.KEYS.markdownTable()))
        .as(
            "docs/reconciler.md against ReconcilerConfig.KEYS (-Ddualrun.docs.update=true rewrites it)")
        .isEmpty();
  }
}
