package io.dualrun.alerting.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import io.dualrun.alerting.Fixtures;
import io.dualrun.alerting.model.AlertAction;
import io.dualrun.alerting.model.AlertEvent;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DeliveryPlanTest {
  private final Routes routes =
      new Routes(Map.of("data-platform", List.of("pd", "hook", "gone")), List.of("am"));
  private final List<String> receivers = List.of("pd", "hook", "am");

  @Test
  void aVersionGoesToTheReceiversOfItsRouteThatAreNotDoneWithIt() {
    AlertEvent e = Fixtures.firing("w", 1, AlertAction.OPEN);
    DeliveryPlan.Done hookDone =
        (alert, receiver, version) ->
            alert.equals(e.alertId()) && receiver.equals("hook") && version >= e.version();

    assertThat(DeliveryPlan.receivers(e, routes, receivers, hookDone)).containsExactly("pd");
    assertThat(DeliveryPlan.receivers(e, routes, receivers, (a, r, v) -> false))
        .as("a receiver the configuration does not have is left out")
        .containsExactly("pd", "hook");
  }

  @Test
  void anAlertResolvedBeforeItWasAnnouncedGoesNowhere() {
    AlertEvent e = Fixtures.firing("w", 1, AlertAction.NONE);

    assertThat(DeliveryPlan.receivers(e, routes, receivers, (a, r, v) -> false)).isEmpty();
  }
}
