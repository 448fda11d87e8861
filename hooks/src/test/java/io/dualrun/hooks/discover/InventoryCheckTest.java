package io.dualrun.hooks.discover;

import static org.assertj.core.api.Assertions.assertThat;

import io.dualrun.inventory.Inventory;
import io.dualrun.inventory.InventoryLoader;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class InventoryCheckTest {
  private static final Inventory INVENTORY =
      InventoryLoader.parse("workflows.yaml", "workflows:\n  a: {owner: x}\n  b: {owner: y}\n");

  @Test
  void agreesWhenEveryDeclaredWorkflowAndNothingElseArrives() {
    InventoryCheck c =
        InventoryCheck.of(
            INVENTORY,
            new TopicContents(Map.of("a", Set.of("2026-11-01"), "b", Set.of("1", "2")), Map.of()));
    assertThat(c.consistent()).isTrue();
    assertThat(c.seen()).isEqualTo(Map.of("a", 1, "b", 2));
  }

  @Test
  void eachKindOfDisagreementIsNamed() {
    InventoryCheck c =
        InventoryCheck.of(
            INVENTORY,
            new TopicContents(
                Map.of("a", Set.of("p"), "z", Set.of("p", "q")), Map.of("ns/job", 3)));
    assertThat(c.consistent()).isFalse();
    assertThat(c.neverSeen()).containsExactly("b");
    assertThat(c.undeclared()).isEqualTo(Map.of("z", 2));
    assertThat(c.unmappedJobs()).isEqualTo(Map.of("ns/job", 3));
  }
}
