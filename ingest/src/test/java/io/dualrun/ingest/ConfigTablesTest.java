package io.dualrun.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import io.dualrun.config.ConfigDocs;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * docs/ingest.md's configuration table is the declarations' table. Regenerate it deliberately with
 * {@code -Ddualrun.docs.update=true}.
 */
class ConfigTablesTest {
  private static final Path DOC = Path.of("../docs/ingest.md");

  @Test
  void theDocumentedTableIsTheDeclaredOne() throws IOException {
    String doc = Files.readString(DOC, StandardCharsets.UTF_8);
    if (Boolean.getBoolean("dualrun.docs.update")) {
      doc = ConfigDocs.regenerate(doc, IngestConfig.ALL_KEYS);
      Files.writeString(DOC, doc, StandardCharsets.UTF_8);
    }
    assertThat(ConfigDocs.differences(doc, IngestConfig.ALL_KEYS))
        .as("docs/ingest.md against IngestConfig.ALL_KEYS (-Ddualrun.docs.update=true rewrites it)")
        .isEmpty();
  }
}
