package io.dualrun.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dualrun.config.units.Durations;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ConfigDocsTest {
  private static final ConfigKey<Duration> WAIT =
      ConfigKey.duration("svc.wait", Duration.ofSeconds(30), Duration.ofSeconds(1), "how long");
  private static final ConfigKey<Integer> SIZE =
      ConfigKey.integer("svc.size", 10, 1, 100, "how many | at most");
  private static final ConfigDef DEF = new ConfigDef("svc", List.of(WAIT, SIZE));

  private static final String DOC =
      "# Svc\n\n<!-- config:svc -->\n<!-- /config:svc -->\n\nAfter the table.\n";

  @Test
  void aGeneratedTableHasOneRowPerKeyWithItsDefault() {
    String doc = ConfigDocs.regenerate(DOC, DEF);
    assertThat(doc)
        .contains("| `svc.wait` | `30s` | how long |")
        .contains("| `svc.size` | `10` | how many \\| at most |")
        .endsWith("<!-- /config:svc -->\n\nAfter the table.\n");
    assertThat(ConfigDocs.differences(doc, DEF)).isEmpty();
  }

  @Test
  void aMissingRowFailsAndSoDoesARowForAKeyNoLongerDeclared() {
    String doc = ConfigDocs.regenerate(DOC, DEF);
    String withoutSize =
        doc.lines()
                .filter(l -> !l.startsWith("| `svc.size`"))
                .reduce((a, b) -> a + "\n" + b)
                .orElseThrow()
            + "\n";
    assertThat(ConfigDocs.differences(withoutSize, DEF))
        .singleElement()
        .asString()
        .contains("missing")
        .contains("svc.size");
    String stale = doc.replace("| `svc.wait` | `30s` |", "| `svc.wait` | `10s` |");
    assertThat(ConfigDocs.differences(stale, DEF)).hasSize(2);
    assertThatThrownBy(() -> ConfigDocs.differences("no markers", DEF))
        .hasMessageContaining("<!-- config:svc -->");
  }

  @Test
  void keysValidateAndNameTheKey() {
    ConfigMap c = ConfigMap.of("svc.yaml", Map.of("svc.wait", "500ms", "svc.size", "7"));
    assertThatThrownBy(() -> WAIT.from(c)).hasMessage("svc.yaml: svc.wait: must be at least 1s");
    assertThat(SIZE.from(c)).isEqualTo(7);
    assertThat(WAIT.from(ConfigMap.empty())).isEqualTo(Duration.ofSeconds(30));
    assertThatThrownBy(() -> new ConfigDef("x", List.of(WAIT, WAIT)))
        .hasMessageContaining("svc.wait is declared twice");
    assertThat(Durations.format(Duration.ofMillis(1500))).isEqualTo("1500ms");
    assertThat(Durations.format(Duration.ofDays(35))).isEqualTo("35d");
  }
}
