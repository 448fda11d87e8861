package io.dualrun.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import io.dualrun.config.ConfigDocs;
import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * docs/ingest.md's configuration table is the declarations' table. Regenerate it deliberately with
 * {@code -Ddualrun.docs.update=true}.
 */
class ConfigTablesTest {

  @Test
  void theDocumentedTableIsTheDeclaredOne() throws IOException {
    assertThat(
            ConfigDocs.checkFile(
                Path.of("../docs/ingest.md"),
                IngestConfig.ALL_KEYS.name(),
                IngestConfig.ALL_KEYS.markdownTable()))
        .as("docs/ingest.md against IngestConfig.ALL_KEYS (-Ddualrun.docs.update=true rewrites it)")
        .isEmpty();
  }
}
