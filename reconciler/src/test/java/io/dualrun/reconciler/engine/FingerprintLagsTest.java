package io.dualrun.reconciler.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

class FingerprintLagsTest {
  private static final Duration SETTLE = Duration.ofMinutes(2);
  private static final Duration TIMEOUT = Duration.ofMinutes(30);
  private static final long MINUTE = 60_000L;

  @Test
  void untilEnoughIsKnownAMissingExpectedFingerprintIsAwaitedUpToTheTimeout() {
    FingerprintLags two = FingerprintLags.NONE.with(List.of(MINUTE, MINUTE));
    assertThat(FingerprintLags.NONE.awaitExpected(SETTLE, TIMEOUT)).isEqualTo(TIMEOUT);
    assertThat(two.awaitExpected(SETTLE, TIMEOUT)).isEqualTo(TIMEOUT);
  }

  @Test
  void theWaitAdaptsToTwiceTheLongestRecentLagWithinSettleAndTimeout() {
    FingerprintLags usual = FingerprintLags.NONE.with(List.of(4 * MINUTE, 6 * MINUTE, 0L));
    assertThat(usual.awaitExpected(SETTLE, TIMEOUT)).isEqualTo(Duration.ofMinutes(12));
    assertThat(usual.awaitUnknown(SETTLE, TIMEOUT)).isEqualTo(Duration.ofMinutes(12));

    FingerprintLags quick = FingerprintLags.NONE.with(List.of(1_000L, 2_000L, 0L));
    assertThat(quick.awaitExpected(SETTLE, TIMEOUT)).as("never below settle").isEqualTo(SETTLE);

    FingerprintLags slow = FingerprintLags.NONE.with(List.of(20 * MINUTE, 0L, 0L));
    assertThat(slow.awaitExpected(SETTLE, TIMEOUT))
        .as("never above the timeout")
        .isEqualTo(TIMEOUT);
  }

  @Test
  void outputsThatNeverArriveStopHoldingPairs() {
    FingerprintLags never =
        FingerprintLags.NONE.with(
            List.of(FingerprintLags.NEVER, FingerprintLags.NEVER, FingerprintLags.NEVER));
    assertThat(never.awaitExpected(SETTLE, TIMEOUT)).isEqualTo(SETTLE);
    assertThat(never.awaitUnknown(SETTLE, TIMEOUT)).isEqualTo(SETTLE);
  }

  @Test
  void aWorkflowThatNeverFingerprintedSettlesAsBeforeWhenNoOutputIsKnown() {
    assertThat(FingerprintLags.NONE.awaitUnknown(SETTLE, TIMEOUT)).isEqualTo(SETTLE);
  }

  @Test
  void onlyTheLastWindowOfLagsCounts() {
    FingerprintLags old = FingerprintLags.NONE.with(List.of(25 * MINUTE));
    FingerprintLags recent = old.with(Collections.nCopies(FingerprintLags.WINDOW, 3 * MINUTE));
    assertThat(recent.samples()).hasSize(FingerprintLags.WINDOW).containsOnly(3 * MINUTE);
    assertThat(recent.awaitExpected(SETTLE, TIMEOUT)).isEqualTo(Duration.ofMinutes(6));
  }

  @Test
  void aSettleLongerThanTheTimeoutWins() {
    Duration settle = Duration.ofHours(3);
    assertThat(FingerprintLags.NONE.awaitExpected(settle, TIMEOUT)).isEqualTo(settle);
  }
}
