package io.dualrun.reconciler.state;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.apache.kafka.common.errors.SerializationException;
import org.junit.jupiter.api.Test;

class PairStateSerdeTest {
  private final PairStateSerde serde = new PairStateSerde();

  @Test
  void roundTripsSmallAndLargeStatesOneAfterTheOther() {
    PairState large = PairUpdater.empty("wf", "2026-11-20", 42L);
    for (int i = 0; i < 500; i++) {
      large.getSeenIds().add("event-id-" + i + "-" + "x".repeat(20));
    }
    PairState small = PairUpdater.empty("wf", "2026-11-21", 7L);
    small.setDeadline(99L);

    byte[] smallBytes = serde.encode(small);
    byte[] largeBytes = serde.encode(large);
    byte[] smallAgain = serde.encode(small);

    assertThat(largeBytes.length).isGreaterThan(4096);
    assertThat(smallAgain).isEqualTo(smallBytes);
    assertThat(smallBytes[0]).isEqualTo(PairStateSerde.VERSION);
    assertThat(serde.decode(largeBytes)).isEqualTo(large);
    assertThat(serde.decode(smallBytes)).isEqualTo(small);
  }

  @Test
  void rejectsAnUnknownFormatVersion() {
    byte[] bytes = serde.encode(PairUpdater.empty("wf", "p", 1L));
    bytes[0] = 9;
    assertThatThrownBy(() -> serde.decode(bytes))
        .isInstanceOf(SerializationException.class)
        .hasMessageContaining("unknown format version 9");
  }
}
