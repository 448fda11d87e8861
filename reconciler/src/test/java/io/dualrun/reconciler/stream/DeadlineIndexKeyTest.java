package io.dualrun.reconciler.stream;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class DeadlineIndexKeyTest {
  @Test
  void keysArePaddedToNineteenDigitsSoTheyOrderByDueTime() {
    assertThat(DeadlineIndex.key(5, "wf/p")).isEqualTo("0000000000000000005/wf/p");
    assertThat(DeadlineIndex.key(-3, "x")).isEqualTo("0000000000000000000/x");
    assertThat(DeadlineIndex.key(Long.MAX_VALUE, "x")).isEqualTo(Long.MAX_VALUE + "/x");
    assertThat(DeadlineIndex.key(1_700_000_000_000L, "b"))
        .isLessThan(DeadlineIndex.key(10_000_000_000_000L, "a"));
  }
}
