package io.dualrun.inventory;

import static org.assertj.core.api.Assertions.assertThat;

import io.dualrun.inventory.CutoverWaves.Placement;
import io.dualrun.inventory.CutoverWaves.Plan;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class CutoverWavesTest {
  /**
   * orders → revenue → kpi; orders → ledger ⇄ payments (a cycle: each reads the other's output);
   * payments → audit; suppliers stands alone and reads its own output.
   */
  private static final Inventory GRAPH =
      InventoryLoader.parse(
          "workflows.yaml",
          """
          workflows:
            orders: {owner: a, outputs: [raw.orders], inputs: [erp.orders]}
            revenue: {owner: a, inputs: [raw.orders], outputs: [analytics.revenue]}
            kpi: {owner: b, inputs: [analytics.revenue, raw.orders], outputs: [reporting.kpi]}
            ledger: {owner: f, inputs: [raw.orders, fin.payments], outputs: [fin.ledger]}
            payments: {owner: f, inputs: [fin.ledger], outputs: [fin.payments]}
            audit: {owner: f, inputs: [fin.payments]}
            suppliers: {owner: c, inputs: [raw.suppliers], outputs: [raw.suppliers]}
          """);

  private static Map<String, String> allReady() {
    Map<String, String> status = new HashMap<>();
    GRAPH.workflows().forEach(w -> status.put(w.id(), "READY"));
    return status;
  }

  private static Placement of(Plan plan, String workflow) {
    return plan.workflows().stream()
        .filter(p -> p.workflow().equals(workflow))
        .findFirst()
        .orElseThrow();
  }

  @Test
  void wavesFollowTheDatasetsFromSourcesToReaders() {
    Plan plan = CutoverWaves.plan(GRAPH.workflows(), allReady(), Set.of());
    assertThat(plan.waves())
        .isEqualTo(
            Map.of(
                1, List.of("orders", "suppliers"),
                2, List.of("ledger", "payments", "revenue"),
                3, List.of("audit", "kpi")));
    assertThat(plan.cycles()).containsExactly(List.of("ledger", "payments"));
    assertThat(of(plan, "orders").blastRadius())
        .containsExactly("audit", "kpi", "ledger", "payments", "revenue");
    assertThat(of(plan, "orders").downstream()).containsExactly("kpi", "ledger", "revenue");
    assertThat(of(plan, "kpi").upstream()).containsExactly("orders", "revenue");
    assertThat(of(plan, "suppliers").cycle()).as("reading its own output is no cycle").isEmpty();
    assertThat(of(plan, "suppliers").upstream()).isEmpty();
    assertThat(of(plan, "ledger").cycle()).containsExactly("payments");
  }

  @Test
  void onlyWorkflowsWhoseUpstreamHasCutOverAreEligible() {
    Plan plan = CutoverWaves.plan(GRAPH.workflows(), allReady(), Set.of());
    List<String> eligible = new ArrayList<>();
    plan.workflows().stream().filter(Placement::eligible).forEach(p -> eligible.add(p.workflow()));
    assertThat(eligible).containsExactly("orders", "suppliers");
    assertThat(of(plan, "revenue").blockedBy()).containsExactly("upstream orders has not cut over");
    assertThat(of(plan, "payments").blockedBy())
        .as("a cycle moves together: what holds one member back holds the other")
        .containsExactly("upstream orders (of ledger, same cycle) has not cut over");
  }

  @Test
  void cuttingOverMovesTheNextWaveUpAndACycleMovesTogether() {
    Map<String, String> status = allReady();
    status.put("payments", "NOT_READY");
    Plan plan = CutoverWaves.plan(GRAPH.workflows(), status, Set.of("orders", "suppliers"));
    assertThat(plan.waves().get(0)).containsExactly("orders", "suppliers");
    assertThat(plan.waves().get(1)).containsExactly("ledger", "payments", "revenue");
    assertThat(of(plan, "orders").status()).isEqualTo("CUT_OVER");
    assertThat(of(plan, "orders").eligible()).isFalse();
    assertThat(of(plan, "revenue").eligible()).isTrue();
    assertThat(of(plan, "ledger").eligible()).isFalse();
    assertThat(of(plan, "ledger").blockedBy())
        .containsExactly("payments (same cycle) is NOT_READY");
    assertThat(of(plan, "payments").blockedBy()).containsExactly("it is NOT_READY");

    status.put("payments", "READY");
    Plan ready = CutoverWaves.plan(GRAPH.workflows(), status, Set.of("orders", "suppliers"));
    assertThat(of(ready, "ledger").eligible()).isTrue();
    assertThat(of(ready, "payments").eligible()).isTrue();
    assertThat(of(ready, "audit").blockedBy())
        .containsExactly("upstream payments has not cut over");
  }

  @Test
  void aLongChainNeitherOverflowsNorLosesAWave() {
    StringBuilder yaml = new StringBuilder("workflows:\n");
    int n = 3000;
    for (int i = 0; i < n; i++) {
      yaml.append("  w")
          .append(i)
          .append(": {owner: o, outputs: [d")
          .append(i)
          .append("], inputs: [d")
          .append(i == 0 ? n - 1 + "x" : Integer.toString(i - 1))
          .append("]}\n");
    }
    Inventory chain = InventoryLoader.parse("workflows.yaml", yaml.toString());
    Plan plan = CutoverWaves.plan(chain.workflows(), Map.of(), Set.of());
    assertThat(plan.waves()).hasSize(n);
    assertThat(plan.waves().get(n)).containsExactly("w" + (n - 1));
    assertThat(plan.cycles()).isEmpty();
  }

  @Test
  void datasetsSeenInLineageJoinTheDeclaredOnes() {
    // suppliers was seen writing raw.suppliers_clean, which kpi was seen reading; audit was seen
    // writing reporting.audit, read by nobody
    CutoverWaves.Observed seen =
        new CutoverWaves.Observed(
            Map.of("kpi", Set.of("raw.suppliers_clean")),
            Map.of("suppliers", Set.of("raw.suppliers_clean"), "audit", Set.of("reporting.audit")));

    Plan plan = CutoverWaves.plan(GRAPH.workflows(), seen, allReady(), Set.of());

    assertThat(of(plan, "kpi").upstream()).containsExactly("orders", "revenue", "suppliers");
    assertThat(of(plan, "suppliers").blastRadius()).containsExactly("kpi");
    assertThat(of(plan, "kpi").wave()).isEqualTo(3);
    assertThat(CutoverWaves.plan(GRAPH.workflows(), allReady(), Set.of()).workflows())
        .as("without what was seen, as declared")
        .filteredOn(p -> p.workflow().equals("suppliers"))
        .singleElement()
        .satisfies(p -> assertThat(p.blastRadius()).isEmpty());
  }
}
