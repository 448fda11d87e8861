package io.dualrun.schemas;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class PairKeyTest {
  @Test
  void theWorkflowIdCheckAgreesWithThePatternOnGivenCases() {
    List<String> ids =
        List.of(
            "",
            "a",
            "A",
            "0",
            ".a",
            "-a",
            "_a",
            "a.b_c-d",
            "a b",
            "a/b",
            "é",
            "aé",
            "a\u0660",
            "a".repeat(128),
            "a".repeat(129),
            "wf-1",
            "Wf_2",
            "x\n",
            "\u0391");
    for (String id : ids) {
      assertThat(PairKey.isWorkflowId(id))
          .as("'%s'", id)
          .isEqualTo(PairKey.WORKFLOW_ID.matcher(id).matches());
    }
  }

  @Test
  void theWorkflowIdCheckAgreesWithThePatternOnRandomStrings() {
    String alphabet = "aZ09._-/ é\u0660\u00c0\t:@[`{";
    Random random = new Random(20261122);
    int valid = 0;
    for (int i = 0; i < 50_000; i++) {
      int length = random.nextInt(4) == 0 ? 120 + random.nextInt(12) : random.nextInt(8);
      StringBuilder id = new StringBuilder();
      for (int j = 0; j < length; j++) {
        id.append(
            random.nextInt(3) == 0 ? alphabet.charAt(random.nextInt(alphabet.length())) : 'k');
      }
      boolean expected = PairKey.WORKFLOW_ID.matcher(id).matches();
      valid += expected ? 1 : 0;
      assertThat(PairKey.isWorkflowId(id.toString())).as("'%s'", id).isEqualTo(expected);
    }
    assertThat(valid).as("valid ids among the random strings").isBetween(2_000, 48_000);
  }

  @Test
  void isKeyAgreesWithBuildingTheKey() {
    String[] parts = {"", "a", "ab", "a/b", "b", "/", "ab/", "2026-01-01"};
    for (String workflow : parts) {
      for (String partition : parts) {
        String built = PairKey.key(workflow, partition);
        for (String key : new String[] {built, built + "x", "x" + built, "a/a", "ab/b", ""}) {
          assertThat(PairKey.isKey(key, workflow, partition))
              .as("'%s' for (%s, %s)", key, workflow, partition)
              .isEqualTo(key.equals(built));
        }
      }
    }
  }
}
