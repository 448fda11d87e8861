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
  void readsTheStateAReconcilerOfFormatVersion1Left() throws Exception {
    PairState state = PairUpdater.empty("wf", "2026-11-20", 42L);
    state.setBaseline(
        new SideState(
            1,
            new java.util.ArrayList<>(java.util.List.of(new AttemptRef(1, "run-1"))),
            new java.util.ArrayList<>(
                java.util.List.of(
                    new StoredEvent(
                        "e-1", "run-1", "cron", 1, 1_000L, null, null, null, java.util.List.of()))),
            new java.util.ArrayList<>(),
            5L));
    // the fields of version 1 keep their positions in version 2 (the new one is appended)
    java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
    out.write(1);
    var encoder = org.apache.avro.io.EncoderFactory.get().binaryEncoder(out, null);
    new org.apache.avro.specific.SpecificDatumWriter<PairState>(PairStateSerde.VERSION_1)
        .write(state, encoder);
    encoder.flush();

    PairState read = serde.decode(out.toByteArray());

    assertThat(read).isEqualTo(state);
    assertThat(read.getBaseline().getEvents().get(0).getExpectedOutputs()).isEmpty();
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
