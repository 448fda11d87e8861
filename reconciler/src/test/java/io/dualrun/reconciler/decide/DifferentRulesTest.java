package io.dualrun.reconciler.decide;

import static org.assertj.core.api.Assertions.assertThat;

import io.dualrun.inventory.InventoryLoader;
import io.dualrun.inventory.WorkflowSpec;
import io.dualrun.reconciler.state.SideView;
import io.dualrun.reconciler.state.StoredColumn;
import io.dualrun.reconciler.state.StoredOutput;
import io.dualrun.reconciler.state.StoredStats;
import io.dualrun.schemas.avro.Finding;
import io.dualrun.schemas.avro.FindingKind;
import io.dualrun.schemas.avro.RunStatus;
import io.dualrun.schemas.avro.Side;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Fingerprints made under different normalisation rules are not compared, and a finding says so.
 */
class DifferentRulesTest {
  private static final WorkflowSpec SPEC =
      InventoryLoader.parse(
              "w.yaml",
              """
              workflows:
                wf:
                  owner: t
                  outputs:
                    - name: sales.orders
                      normalise: {amount: {scale: 2}}
              """)
          .workflow("wf")
          .orElseThrow();

  private static StoredOutput output(String hash, String type, String max, String rules) {
    return new StoredOutput(
        "e-" + hash,
        "sales.orders",
        1_000L,
        3L,
        hash,
        new ArrayList<>(List.of(new StoredColumn("amount", type))),
        new ArrayList<>(List.of(new StoredStats("amount", 0L, "1", max, "6"))),
        new ArrayList<>(),
        new ArrayList<>(),
        new ArrayList<>(),
        new ArrayList<>(),
        rules,
        new ArrayList<>());
  }

  private static SideView side(Side side, StoredOutput o) {
    return new SideView(
        side,
        1,
        "run-" + side,
        "cron",
        RunStatus.SUCCEEDED,
        true,
        0L,
        1_000L,
        null,
        null,
        null,
        Map.of(o.getOutput(), o),
        null,
        Set.of(),
        Set.of(),
        null);
  }

  private static List<Finding> findings(StoredOutput b, StoredOutput c) {
    List<Finding> out = new ArrayList<>();
    OutputFindings.add(out, SPEC, side(Side.BASELINE, b), side(Side.CANDIDATE, c));
    return out;
  }

  @Test
  void differentRulesGiveOneContentFindingNamingTheColumnAndNothingElseIsCompared() {
    List<Finding> found =
        findings(
            output("aa", "decimal", "2.35", "amount:scale=2"),
            output("bb", "float", "2.345", null));

    assertThat(found).hasSize(1);
    Finding f = found.get(0);
    assertThat(f.getKind()).isEqualTo(FindingKind.CONTENT);
    assertThat(f.getColumn()).isEqualTo("amount");
    assertThat(f.getBaselineValue()).isEqualTo("amount:scale=2");
    assertThat(f.getCandidateValue()).isEqualTo("none");
    assertThat(f.getDetail())
        .isEqualTo(
            "Output sales.orders was fingerprinted under different normalisation rules (baseline:"
                + " amount:scale=2; candidate: none; they differ for amount), so its content,"
                + " schema and column stats are not compared: fingerprint both sides with the same"
                + " rules (the inventory's normalise for this output, or the same --normalise"
                + " flags).");
  }

  @Test
  void theRowCountIsStillCompared() {
    StoredOutput b = output("aa", "decimal", "2.35", "amount:scale=2");
    StoredOutput c = output("bb", "decimal", "2.35", "amount:scale=3");
    c.setRowCount(4L);

    assertThat(findings(b, c))
        .extracting(Finding::getKind)
        .containsExactlyInAnyOrder(FindingKind.ROW_COUNT, FindingKind.CONTENT);
  }

  @Test
  void theSameRulesCompareAsUsual() {
    assertThat(
            findings(
                output("aa", "decimal", "2.35", "amount:scale=2"),
                output("aa", "decimal", "2.35", "amount:scale=2")))
        .isEmpty();
    assertThat(
            findings(
                output("aa", "decimal", "2.35", "amount:scale=2"),
                output("bb", "decimal", "2.36", "amount:scale=2")))
        .extracting(Finding::getKind)
        .containsExactlyInAnyOrder(FindingKind.CONTENT, FindingKind.COLUMN_STAT);
  }

  @Test
  void rulesThatCannotBeReadAreStillShownWithoutAColumn() {
    Finding f =
        findings(
                output("aa", "decimal", "2.35", "amount:round=2"),
                output("aa", "decimal", "2.35", null))
            .get(0);
    assertThat(f.getColumn()).isNull();
    assertThat(f.getBaselineValue()).isEqualTo("amount:round=2");
  }
}
