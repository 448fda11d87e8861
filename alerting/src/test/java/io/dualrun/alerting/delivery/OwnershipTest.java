package io.dualrun.alerting.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import io.dualrun.alerting.Fixtures;
import io.dualrun.alerting.model.AlertAction;
import io.dualrun.alerting.model.AlertEvent;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class OwnershipTest {
  private final Ownership ownership = new Ownership();
  private final AlertEvent a = Fixtures.firing("a", 1, AlertAction.OPEN);
  private final AlertEvent b = Fixtures.firing("b", 1, AlertAction.OPEN);
  private final AlertEvent c = Fixtures.firing("c", 1, AlertAction.OPEN);

  OwnershipTest() {
    ownership.locate(a.alertId(), 0);
    ownership.locate(b.alertId(), 1);
    ownership.locate(c.alertId(), 1);
  }

  @Test
  void takingAssignedPartitionsGivesTheirAlertsAndDeliversThem() {
    ownership.assign(Set.of(1));
    assertThat(ownership.owns(b.alertId())).as("before the ledger is read").isFalse();

    assertThat(ownership.take(Set.of(1), () -> List.of(a, b, c))).containsExactly(b, c);
    assertThat(ownership.owns(b.alertId())).isTrue();
    assertThat(ownership.owns(a.alertId())).isFalse();
    assertThat(ownership.delivering()).containsExactly(1);
  }

  @Test
  void aPartitionRevokedWhileTheLedgerWasReadIsNotTaken() {
    ownership.assign(Set.of(0, 1));
    ownership.revoke(Set.of(1));

    assertThat(ownership.take(Set.of(0, 1), () -> List.of(a, b, c))).containsExactly(a);
    assertThat(ownership.owns(b.alertId())).isFalse();
    assertThat(ownership.delivering()).containsExactly(0);
  }

  @Test
  void aRevokedPartitionIsNoLongerDelivered() {
    ownership.assign(Set.of(0, 1));
    ownership.take(Set.of(0, 1), () -> List.of(a, b, c));
    ownership.revoke(Set.of(0));

    assertThat(ownership.owns(a.alertId())).isFalse();
    assertThat(ownership.owns(c.alertId())).isTrue();
    assertThat(ownership.delivering()).containsExactly(1);
  }

  @Test
  void anAlertNotYetReadIsNobodysHere() {
    ownership.assign(Set.of(0, 1));
    ownership.take(Set.of(0, 1), List::of);

    assertThat(ownership.owns("unknown/ROW_COUNT")).isFalse();
    ownership.locate("unknown/ROW_COUNT", 1);
    assertThat(ownership.owns("unknown/ROW_COUNT")).isTrue();
  }

  /**
   * An alert arriving during a handover is seen either by the handover or by its own arrival: the
   * handover reads the view only once the partition is delivered from, so an arrival that missed
   * the read finds its alert owned.
   */
  @Test
  void theViewIsReadOnlyOnceThePartitionIsDeliveredFrom() {
    ownership.assign(Set.of(0));
    boolean[] ownedWhenRead = new boolean[1];

    List<AlertEvent> taken =
        ownership.take(
            Set.of(0),
            () -> {
              ownedWhenRead[0] = ownership.owns(a.alertId());
              return List.of(a);
            });

    assertThat(ownedWhenRead[0]).as("owned when the view is read").isTrue();
    assertThat(taken).containsExactly(a);
  }
}
