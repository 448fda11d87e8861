package io.dualrun.alerting;

import static org.assertj.core.api.Assertions.assertThat;

import io.dualrun.config.ConfigDocs;
import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * docs/alerting.md's configuration table is the declarations' table. Regenerate it deliberately
 * with {@code -Ddualrun.docs.update=true}.
 */
class ConfigTablesTest {

  @Test
  void theDocumentedTableIsTheDeclaredOne() throws IOException {
    assertThat(
            ConfigDocs.checkFile(
                Path.of("../docs/alerting.md"),
                AlertingConfig.KEYS.name(),
                AlertingConfig.KEYS.markdownTable()))
        .as("docs/alerting.md against AlertingConfig.KEYS (-Ddualrun.docs.update=true rewrites it)")
        .isEmpty();
  }
}
