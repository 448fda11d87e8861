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

  /** A pair whose baseline event announced {@code announced} and read {@code read}. */
  private static PairState pairWith(java.util.List<String> announced, java.util.List<String> read) {
    PairState state = PairUpdater.empty("wf", "2026-11-20", 42L);
    state.setBaseline(
        new SideState(
            1,
            new java.util.ArrayList<>(java.util.List.of(new AttemptRef(1, "run-1"))),
            new java.util.ArrayList<>(
                java.util.List.of(
                    new StoredEvent(
                        "e-1", "run-1", "cron", 1, 1_000L, null, null, null, announced, read,
                        null))),
            new java.util.ArrayList<>(),
            5L,
            new java.util.ArrayList<>()));
    return state;
  }

  /** {@code state} as a reconciler of format {@code version} wrote it. */
  private static byte[] writtenAs(int version, org.apache.avro.Schema schema, PairState state)
      throws java.io.IOException {
    // the fields of an older version keep their positions (new ones are appended)
    java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
    out.write(version);
    var encoder = org.apache.avro.io.EncoderFactory.get().binaryEncoder(out, null);
    new org.apache.avro.specific.SpecificDatumWriter<PairState>(schema).write(state, encoder);
    encoder.flush();
    return out.toByteArray();
  }

  @Test
  void readsTheStateReconcilersOfEarlierFormatVersionsLeft() throws Exception {
    PairState v1 = pairWith(java.util.List.of(), java.util.List.of());
    PairState v2 = pairWith(java.util.List.of("sales.orders"), java.util.List.of());

    assertThat(serde.decode(writtenAs(1, PairStateSerde.VERSION_1, v1))).isEqualTo(v1);
    PairState read = serde.decode(writtenAs(2, PairStateSerde.VERSION_2, v2));
    assertThat(read).isEqualTo(v2);
    assertThat(read.getBaseline().getEvents().get(0).getExpectedOutputs())
        .containsExactly("sales.orders");
    assertThat(read.getBaseline().getEvents().get(0).getInputs()).isEmpty();
    PairState v3 = pairWith(java.util.List.of("sales.orders"), java.util.List.of("raw.orders"));
    assertThat(serde.decode(serde.encode(v3))).isEqualTo(v3);
  }

  @Test
  void upgradesTheLastVerdictOfFormatThreeToTheCurrentVerdictSchema() throws Exception {
    io.dualrun.schemas.avro.Verdict verdict =
        io.dualrun.schemas.avro.Verdict.newBuilder()
            .setWorkflow("wf")
            .setPartition("2026-11-20")
            .setRevision(2)
            .setOutcome(io.dualrun.schemas.avro.Outcome.MISMATCH)
            .setPreviousOutcome(io.dualrun.schemas.avro.Outcome.MATCH)
            .setReason(io.dualrun.schemas.avro.DecisionReason.COMPLETE)
            .setDecidedAt(java.time.Instant.ofEpochMilli(1_000L))
            .setInventoried(true)
            .setFindings(
                java.util.List.of(
                    new io.dualrun.schemas.avro.Finding(
                        io.dualrun.schemas.avro.FindingKind.ROW_COUNT,
                        "sales.orders",
                        null,
                        "1000",
                        "1005",
                        "candidate has 5 rows more",
                        java.util.List.of(3, 7),
                        null,
                        java.util.List.of(),
                        java.util.List.of(),
                        null)))
            .build();
    // the verdict as reconcilers of format 3 kept it: Avro binary of the schema before waivers
    java.io.ByteArrayOutputStream old = new java.io.ByteArrayOutputStream();
    var encoder = org.apache.avro.io.EncoderFactory.get().binaryEncoder(old, null);
    new org.apache.avro.specific.SpecificDatumWriter<io.dualrun.schemas.avro.Verdict>(
            LegacyVerdict.VERDICT_V1)
        .write(verdict, encoder);
    encoder.flush();
    PairState v3 = pairWith(java.util.List.of(), java.util.List.of("raw.orders"));
    v3.setLastVerdict(java.nio.ByteBuffer.wrap(old.toByteArray()));

    PairState read = serde.decode(writtenAs(3, PairStateSerde.VERSION_3, v3));

    assertThat(io.dualrun.reconciler.decide.VerdictCodec.decode(read.getLastVerdict()))
        .isEqualTo(verdict);
    assertThat(read.getBaseline().getEvents().get(0).getInputs()).containsExactly("raw.orders");
    assertThat(read.getBaseline().getEvents().get(0).getJobVersion()).isNull();
  }

  @Test
  void readsFormatFourOutputsWithoutColumnHashesAndItsLastVerdictWithoutColumns() throws Exception {
    io.dualrun.schemas.avro.Finding content =
        new io.dualrun.schemas.avro.Finding(
            io.dualrun.schemas.avro.FindingKind.CONTENT,
            "sales.orders",
            null,
            "00000000000000aa",
            "00000000000000bb",
            "Output sales.orders has different content on the candidate.",
            java.util.List.of(1),
            "w-1",
            java.util.List.of(),
            java.util.List.of(),
            null);
    io.dualrun.schemas.avro.Verdict verdict =
        io.dualrun.schemas.avro.Verdict.newBuilder()
            .setWorkflow("wf")
            .setPartition("2026-11-20")
            .setRevision(1)
            .setOutcome(io.dualrun.schemas.avro.Outcome.MATCH_WITH_WAIVER)
            .setReason(io.dualrun.schemas.avro.DecisionReason.COMPLETE)
            .setDecidedAt(java.time.Instant.ofEpochMilli(1_000L))
            .setInventoried(true)
            .setFindings(java.util.List.of(content))
            .build();
    // the verdict as reconcilers of format 4 kept it: Avro binary of the schema with waivers
    java.io.ByteArrayOutputStream old = new java.io.ByteArrayOutputStream();
    var encoder = org.apache.avro.io.EncoderFactory.get().binaryEncoder(old, null);
    new org.apache.avro.specific.SpecificDatumWriter<io.dualrun.schemas.avro.Verdict>(
            LegacyVerdict.VERDICT_V2)
        .write(verdict, encoder);
    encoder.flush();
    PairState v4 = pairWith(java.util.List.of("sales.orders"), java.util.List.of());
    v4.getBaseline()
        .setOutputs(
            new java.util.ArrayList<>(
                java.util.List.of(
                    new StoredOutput(
                        "f-1",
                        "sales.orders",
                        2_000L,
                        10L,
                        "00000000000000aa",
                        new java.util.ArrayList<>(),
                        new java.util.ArrayList<>(
                            java.util.List.of(new StoredStats("amount", 0L, "1", "9", "45"))),
                        new java.util.ArrayList<>(),
                        new java.util.ArrayList<>(),
                        new java.util.ArrayList<>(),
                        new java.util.ArrayList<>(),
                        null,
                        new java.util.ArrayList<>()))));
    v4.setLastVerdict(java.nio.ByteBuffer.wrap(old.toByteArray()));

    PairState read = serde.decode(writtenAs(4, PairStateSerde.VERSION_4, v4));

    assertThat(read.getBaseline().getEvents()).isEqualTo(v4.getBaseline().getEvents());
    StoredOutput output = read.getBaseline().getOutputs().get(0);
    assertThat(output.getColumnHashes()).isEmpty();
    assertThat(output.getHashKey()).isEmpty();
    assertThat(io.dualrun.reconciler.decide.VerdictCodec.decode(read.getLastVerdict()))
        .isEqualTo(verdict);
  }

  @Test
  void readsFormatFiveOutputsWithoutNormalisationRules() throws Exception {
    PairState v5 = pairWith(java.util.List.of("sales.orders"), java.util.List.of());
    StoredOutput written =
        new StoredOutput(
            "f-1",
            "sales.orders",
            2_000L,
            10L,
            "00000000000000aa",
            new java.util.ArrayList<>(),
            new java.util.ArrayList<>(),
            new java.util.ArrayList<>(),
            new java.util.ArrayList<>(),
            new java.util.ArrayList<>(
                java.util.List.of(new StoredColumnHash("amount", "00000000000000cc"))),
            new java.util.ArrayList<>(java.util.List.of("id")),
            null,
            new java.util.ArrayList<>());
    v5.getBaseline().setOutputs(new java.util.ArrayList<>(java.util.List.of(written)));

    PairState read = serde.decode(writtenAs(5, PairStateSerde.VERSION_5, v5));

    StoredOutput output = read.getBaseline().getOutputs().get(0);
    assertThat(output.getNormalisation()).isNull();
    assertThat(output.getColumnHashes()).isEqualTo(written.getColumnHashes());
    assertThat(output.getHashKey()).containsExactly("id");
  }

  @Test
  void keepsTheNormalisationRulesOfAnOutput() {
    PairState s = pairWith(java.util.List.of("sales.orders"), java.util.List.of());
    StoredOutput o =
        new StoredOutput(
            "f-1",
            "sales.orders",
            2_000L,
            10L,
            "00000000000000aa",
            new java.util.ArrayList<>(),
            new java.util.ArrayList<>(),
            new java.util.ArrayList<>(),
            new java.util.ArrayList<>(),
            new java.util.ArrayList<>(),
            new java.util.ArrayList<>(),
            "amount:scale=2",
            new java.util.ArrayList<>());
    s.getBaseline().setOutputs(new java.util.ArrayList<>(java.util.List.of(o)));
    assertThat(serde.decode(serde.encode(s)).getBaseline().getOutputs().get(0).getNormalisation())
        .isEqualTo("amount:scale=2");
  }

  @Test
  void readsFormatFiveAndItsLastVerdictWithoutHints() throws Exception {
    io.dualrun.schemas.avro.Finding content =
        new io.dualrun.schemas.avro.Finding(
            io.dualrun.schemas.avro.FindingKind.CONTENT,
            "sales.orders",
            "loaded_at",
            "00000000000000aa",
            "00000000000000bb",
            "Output sales.orders has different content on the candidate: loaded_at differs; 1"
                + " other column equal.",
            java.util.List.of(1),
            null,
            java.util.List.of("loaded_at"),
            java.util.List.of("id"),
            null);
    io.dualrun.schemas.avro.Verdict verdict =
        io.dualrun.schemas.avro.Verdict.newBuilder()
            .setWorkflow("wf")
            .setPartition("2026-11-20")
            .setRevision(1)
            .setOutcome(io.dualrun.schemas.avro.Outcome.MISMATCH)
            .setReason(io.dualrun.schemas.avro.DecisionReason.COMPLETE)
            .setDecidedAt(java.time.Instant.ofEpochMilli(1_000L))
            .setInventoried(true)
            .setFindings(java.util.List.of(content))
            .build();
    // the verdict as reconcilers of format 5 kept it: Avro binary of the schema with columns
    java.io.ByteArrayOutputStream old = new java.io.ByteArrayOutputStream();
    var encoder = org.apache.avro.io.EncoderFactory.get().binaryEncoder(old, null);
    new org.apache.avro.specific.SpecificDatumWriter<io.dualrun.schemas.avro.Verdict>(
            LegacyVerdict.VERDICT_V3)
        .write(verdict, encoder);
    encoder.flush();
    PairState v5 = pairWith(java.util.List.of("sales.orders"), java.util.List.of());
    v5.getBaseline()
        .setOutputs(
            new java.util.ArrayList<>(
                java.util.List.of(
                    new StoredOutput(
                        "f-1",
                        "sales.orders",
                        2_000L,
                        10L,
                        "00000000000000aa",
                        new java.util.ArrayList<>(),
                        new java.util.ArrayList<>(
                            java.util.List.of(
                                new StoredStats(
                                    "loaded_at",
                                    0L,
                                    "2026-11-20T07:00:00.000000Z",
                                    "2026-11-20T22:00:00.000000Z",
                                    null))),
                        new java.util.ArrayList<>(),
                        new java.util.ArrayList<>(),
                        new java.util.ArrayList<>(
                            java.util.List.of(new StoredColumnHash("loaded_at", "0123"))),
                        new java.util.ArrayList<>(java.util.List.of("id")),
                        null,
                        new java.util.ArrayList<>()))));
    v5.setLastVerdict(java.nio.ByteBuffer.wrap(old.toByteArray()));

    PairState read = serde.decode(writtenAs(5, PairStateSerde.VERSION_5, v5));

    assertThat(read.getBaseline()).isEqualTo(v5.getBaseline());
    io.dualrun.schemas.avro.Verdict upgraded =
        io.dualrun.reconciler.decide.VerdictCodec.decode(read.getLastVerdict());
    assertThat(upgraded).isEqualTo(verdict);
    assertThat(upgraded.getFindings().get(0).getHint()).isNull();
    // written again, it is format 6 and reads back as it is
    assertThat(serde.encode(read)[0]).isEqualTo((byte) 6);
    assertThat(serde.decode(serde.encode(read))).isEqualTo(read);
  }

  @Test
  void theVerdictSchemaWithHintsReadsVerdictsWrittenBeforeThemAndTheReverse() {
    org.apache.avro.Schema current = io.dualrun.schemas.avro.Verdict.getClassSchema();
    assertThat(
            org.apache.avro.SchemaCompatibility.checkReaderWriterCompatibility(
                    current, LegacyVerdict.VERDICT_V3)
                .getType())
        .isEqualTo(org.apache.avro.SchemaCompatibility.SchemaCompatibilityType.COMPATIBLE);
    assertThat(
            org.apache.avro.SchemaCompatibility.checkReaderWriterCompatibility(
                    LegacyVerdict.VERDICT_V3, current)
                .getType())
        .isEqualTo(org.apache.avro.SchemaCompatibility.SchemaCompatibilityType.COMPATIBLE);
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
