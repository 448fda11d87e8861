package io.dualrun.alerting.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * Alert state written before findings carried a hint reads on; a line without one writes as before.
 */
class FindingLineTest {
  private static final String BEFORE_HINTS =
      "{\"output\":\"dw.orders\",\"column\":\"id\",\"baselineValue\":\"10\","
          + "\"candidateValue\":\"9\",\"detail\":\"max differs\"}";

  @Test
  void aLineStoredBeforeHintsReadsWithoutOne() {
    FindingLine line = Json.read(BEFORE_HINTS.getBytes(StandardCharsets.UTF_8), FindingLine.class);
    assertThat(line).isEqualTo(new FindingLine("dw.orders", "id", "10", "9", "max differs", null));
    assertThat(Json.text(line)).isEqualTo(BEFORE_HINTS);
  }

  @Test
  void aHintIsKept() {
    FindingLine line = new FindingLine("dw.orders", "id", "10", "9", "max differs", "id: …");
    assertThat(Json.read(Json.bytes(line), FindingLine.class)).isEqualTo(line);
  }
}
