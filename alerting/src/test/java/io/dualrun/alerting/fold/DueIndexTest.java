package io.dualrun.alerting.fold;

import static org.assertj.core.api.Assertions.assertThat;

import io.dualrun.alerting.model.AlertState;
import io.dualrun.alerting.model.AlertStatus;
import io.dualrun.alerting.model.Member;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DueIndexTest {
  private static final Instant T = Instant.parse("2026-11-20T10:00:00Z");
  private static final Duration WAIT = Duration.ofSeconds(30);
  private static final Duration REPEAT = Duration.ofHours(4);

  private static AlertState changed(String workflow, Instant at) {
    AlertState s = new AlertState(workflow, "ROW_COUNT");
    s.put(
        new Member(
            "2026-11-19",
            "2026-11-19",
            null,
            1,
            at,
            List.of(),
            null,
            null,
            null,
            null,
            null,
            List.of()),
        at);
    return s;
  }

  @Test
  void aChangeIsDueAfterItsGroupWaitAndAFiringAlertAtItsRepeat() {
    DueIndex index = new DueIndex(WAIT, REPEAT);
    AlertState orders = changed("orders", T);
    AlertState ledger = changed("ledger", T.plusSeconds(10));
    index.track(orders);
    index.track(ledger);

    assertThat(index.dueBy(T.plus(WAIT).toEpochMilli() - 1)).isEmpty();
    assertThat(index.dueBy(T.plus(WAIT).plusSeconds(10).toEpochMilli()))
        .extracting(Map.Entry::getValue)
        .containsExactly("orders/ROW_COUNT", "ledger/ROW_COUNT");

    Instant told = T.plus(WAIT);
    orders.emitted(AlertStatus.FIRING, told);
    index.track(orders);
    assertThat(index.dueBy(told.plus(REPEAT).toEpochMilli()))
        .as("announced: due again at its repeat")
        .contains(Map.entry(told.plus(REPEAT).toEpochMilli(), "orders/ROW_COUNT"));
  }

  @Test
  void withoutRepeatsAnAnnouncedAlertIsNoLongerDue() {
    DueIndex index = new DueIndex(WAIT, null);
    AlertState orders = changed("orders", T);
    index.track(orders);
    orders.emitted(AlertStatus.FIRING, T.plus(WAIT));
    index.track(orders);
    assertThat(index.dueBy(Long.MAX_VALUE)).isEmpty();
  }
}
