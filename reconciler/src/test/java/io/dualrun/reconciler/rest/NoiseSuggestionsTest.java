package io.dualrun.reconciler.rest;

import static org.assertj.core.api.Assertions.assertThat;

import io.dualrun.inventory.Inventory;
import io.dualrun.inventory.InventoryLoader;
import io.dualrun.reconciler.engine.Mode;
import io.dualrun.reconciler.engine.PairEvaluator;
import io.dualrun.reconciler.state.PairState;
import io.dualrun.reconciler.state.PairUpdater;
import io.dualrun.schemas.avro.ColumnHash;
import io.dualrun.schemas.avro.ColumnHashes;
import io.dualrun.schemas.avro.OutputFingerprint;
import io.dualrun.schemas.avro.RunEvent;
import io.dualrun.schemas.avro.RunStatus;
import io.dualrun.schemas.avro.Side;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Learned noise from real pair states: both sides run and fingerprint {@code sales.orders} with
 * column hashes keyed by {@code id}; the candidate's {@code loaded_at} differs every day.
 */
class NoiseSuggestionsTest {
  private static final Instant T0 = Instant.parse("2026-11-16T07:00:00Z");
  private static final String INVENTORY_YAML =
      """
      workflows:
        orders:
          owner: data-team
          outputs: [sales.orders]
      """;

  private static RunEvent event(String partition, Side side, RunStatus status, Instant t) {
    String id = partition + "-" + side + "-" + status;
    return new RunEvent(
        id,
        "orders",
        partition,
        side,
        side == Side.BASELINE ? "cron" : "airflow",
        "run-" + partition + "-" + side,
        1,
        status,
        t,
        null,
        null,
        null,
        new HashMap<>(),
        new ArrayList<>(),
        new ArrayList<>(),
        null);
  }

  private static OutputFingerprint fingerprint(
      String partition, Side side, Instant t, Map<String, String> hashes) {
    List<ColumnHash> columns = new ArrayList<>();
    hashes.forEach((name, hash) -> columns.add(new ColumnHash(name, hash)));
    return OutputFingerprint.newBuilder()
        .setEventId(partition + "-" + side + "-fp")
        .setWorkflow("orders")
        .setPartition(partition)
        .setSide(side)
        .setRunId("run-" + partition + "-" + side)
        .setAttempt(1)
        .setOutput("sales.orders")
        .setEventTime(t)
        .setRowCount(3L)
        .setContentHash(String.join("", hashes.values()))
        .setColumnHashes(new ColumnHashes(List.of("id"), columns))
        .build();
  }

  private static Map<String, String> hashes(String amount, String loadedAt) {
    Map<String, String> out = new LinkedHashMap<>();
    out.put("amount", amount);
    out.put("id", "0000000000000001");
    out.put("loaded_at", loadedAt);
    return out;
  }

  /** One decided pair; {@code amount} and {@code loaded_at}: the candidate's column hashes. */
  private static DigestRow day(Inventory inventory, int d, String amount, String loadedAt) {
    String partition = String.format("2026-11-%02d", 15 + d);
    Instant t = T0.plus(Duration.ofDays(d - 1));
    PairState state = PairUpdater.empty("orders", partition, t.toEpochMilli());
    PairUpdater updater = new PairUpdater(16);
    for (Side side : Side.values()) {
      updater.apply(state, event(partition, side, RunStatus.STARTED, t));
      updater.apply(state, event(partition, side, RunStatus.SUCCEEDED, t.plusSeconds(60)));
    }
    updater.apply(
        state,
        fingerprint(
            partition,
            Side.BASELINE,
            t.plusSeconds(61),
            hashes("00000000000000a0", "00000000000000b" + d)));
    updater.apply(
        state, fingerprint(partition, Side.CANDIDATE, t.plusSeconds(62), hashes(amount, loadedAt)));
    new PairEvaluator(inventory, Mode.LIVE, Duration.ofDays(35))
        .evaluate(state, t.plus(Duration.ofHours(2)).toEpochMilli());
    return PairJson.digest(
        state, inventory.rules("orders"), t.plus(Duration.ofHours(2)).toEpochMilli());
  }

  private static List<DigestRow> days(Inventory inventory, int n, int otherColumnDiffersOn) {
    List<DigestRow> rows = new ArrayList<>();
    for (int d = 1; d <= n; d++) {
      rows.add(
          day(
              inventory,
              d,
              d == otherColumnDiffersOn ? "00000000000000ff" : "00000000000000a0",
              "00000000000000c" + d));
    }
    return rows;
  }

  @Test
  void aColumnDifferingAloneInFiveConsecutivePartitionsIsSuggestedAsNoise() {
    Inventory inventory = InventoryLoader.parse("workflows.yaml", INVENTORY_YAML);
    List<DigestRow> rows = days(inventory, 5, 0);
    assertThat(rows).allSatisfy(r -> assertThat(r.outcome()).isEqualTo("MISMATCH"));

    NoiseSuggestions.Report report = NoiseSuggestions.of(inventory.rules("orders"), rows, 5);

    assertThat(report.examined())
        .containsExactly("2026-11-16", "2026-11-17", "2026-11-18", "2026-11-19", "2026-11-20");
    assertThat(report.suggestions())
        .singleElement()
        .satisfies(
            s -> {
              assertThat(s.output()).isEqualTo("sales.orders");
              assertThat(s.column()).isEqualTo("loaded_at");
              assertThat(s.evidence())
                  .contains("each of the last 5 decided partitions (2026-11-16 to 2026-11-20)");
              assertThat(s.patch())
                  .endsWith(
                      "workflows:\n  orders:\n    outputs:\n      - name: sales.orders\n"
                          + "        ignoreColumns: [loaded_at]\n");
            });
  }

  @Test
  void anotherColumnDifferingOnceInTheWindowMeansNoSuggestion() {
    Inventory inventory = InventoryLoader.parse("workflows.yaml", INVENTORY_YAML);
    assertThat(
            NoiseSuggestions.of(inventory.rules("orders"), days(inventory, 5, 3), 5).suggestions())
        .isEmpty();
  }

  @Test
  void fewerDecidedPartitionsThanAskedMeansNoSuggestion() {
    Inventory inventory = InventoryLoader.parse("workflows.yaml", INVENTORY_YAML);
    NoiseSuggestions.Report report =
        NoiseSuggestions.of(inventory.rules("orders"), days(inventory, 4, 0), 5);
    assertThat(report.examined()).hasSize(4);
    assertThat(report.suggestions()).isEmpty();
  }

  @Test
  void onceTheSuggestionIsMergedThePairsMatch() {
    Inventory merged =
        InventoryLoader.parse(
            "workflows.yaml",
            """
            workflows:
              orders:
                owner: data-team
                outputs:
                  - name: sales.orders
                    ignoreColumns: [loaded_at]
            """);
    List<DigestRow> rows = days(merged, 5, 0);
    assertThat(rows).allSatisfy(r -> assertThat(r.outcome()).isEqualTo("MATCH"));
    assertThat(rows).allSatisfy(r -> assertThat(r.differingColumns()).isEmpty());
    assertThat(NoiseSuggestions.of(merged.rules("orders"), rows, 5).suggestions()).isEmpty();
  }

  /** A baseline attempt: the event pair and the fingerprint of attempt {@code attempt}. */
  private static void baselineAttempt(
      PairUpdater updater,
      PairState state,
      String partition,
      int attempt,
      Instant t,
      String loadedAt) {
    String run = "run-" + partition + "-baseline-" + attempt;
    for (RunStatus status : List.of(RunStatus.STARTED, RunStatus.SUCCEEDED)) {
      RunEvent e = event(partition, Side.BASELINE, status, t);
      e.setEventId(run + "-" + status);
      e.setRunId(run);
      e.setAttempt(attempt);
      updater.apply(state, e);
    }
    OutputFingerprint f =
        fingerprint(
            partition, Side.BASELINE, t.plusSeconds(1), hashes("00000000000000a0", loadedAt));
    f.setEventId(run + "-fp");
    f.setRunId(run);
    f.setAttempt(attempt);
    updater.apply(state, f);
  }

  @Test
  void aBaselineRerunRevealsANondeterministicColumnWhoseDifferencesAreNoiseNotMismatches() {
    Inventory inventory = InventoryLoader.parse("workflows.yaml", INVENTORY_YAML);
    String partition = "2026-11-16";
    PairState state = PairUpdater.empty("orders", partition, T0.toEpochMilli());
    PairUpdater updater = new PairUpdater(16);
    baselineAttempt(updater, state, partition, 1, T0, "00000000000000b1");
    for (RunStatus status : List.of(RunStatus.STARTED, RunStatus.SUCCEEDED)) {
      updater.apply(state, event(partition, Side.CANDIDATE, status, T0.plusSeconds(60)));
    }
    updater.apply(
        state,
        fingerprint(
            partition,
            Side.CANDIDATE,
            T0.plusSeconds(61),
            hashes("00000000000000a0", "00000000000000c1")));
    long later = T0.plus(Duration.ofHours(2)).toEpochMilli();
    PairEvaluator evaluator = new PairEvaluator(inventory, Mode.LIVE, Duration.ofDays(35));
    evaluator.evaluate(state, later);
    DigestRow before = PairJson.digest(state, inventory.rules("orders"), later);
    assertThat(before.outcome()).as("loaded_at differs from the candidate").isEqualTo("MISMATCH");
    assertThat(before.differingColumns()).containsEntry("sales.orders", List.of("loaded_at"));

    // the legacy job is run again for the same partition: only loaded_at changes
    baselineAttempt(updater, state, partition, 2, T0.plus(Duration.ofHours(3)), "00000000000000b2");
    long after = T0.plus(Duration.ofHours(5)).toEpochMilli();
    evaluator.evaluate(state, after);
    DigestRow row = PairJson.digest(state, inventory.rules("orders"), after);

    assertThat(row.outcome()).as("noise, not a mismatch").isEqualTo("MATCH");
    assertThat(row.differingColumns()).isEmpty();
    assertThat(row.nondeterministicColumns()).containsEntry("sales.orders", List.of("loaded_at"));
    NoiseSuggestions.Report report =
        NoiseSuggestions.of(inventory.rules("orders"), List.of(row), 5);
    assertThat(report.suggestions())
        .singleElement()
        .satisfies(
            s -> {
              assertThat(s.kind()).isEqualTo("NONDETERMINISTIC_COLUMN");
              assertThat(s.column()).isEqualTo("loaded_at");
              assertThat(s.partitions()).containsExactly(partition);
              assertThat(s.evidence())
                  .isEqualTo(
                      "loaded_at of sales.orders differed between the baseline's own attempts (a"
                          + " rerun of the legacy job) in partition 2026-11-16, every other"
                          + " column's hash equal: the baseline is not deterministic there, so its"
                          + " differences from the candidate are noise");
              assertThat(s.patch()).contains("        ignoreColumns: [loaded_at]\n");
            });
  }

  @Test
  void aRerunThatChangesEveryColumnRevealsNothing() {
    String partition = "2026-11-16";
    PairState state = PairUpdater.empty("orders", partition, T0.toEpochMilli());
    PairUpdater updater = new PairUpdater(16);
    baselineAttempt(updater, state, partition, 1, T0, "00000000000000b1");
    baselineAttempt(updater, state, partition, 2, T0.plusSeconds(600), "00000000000000b2");
    assertThat(state.getBaseline().getOutputs().get(0).getRerunDiffers())
        .containsExactly("loaded_at");

    PairState other = PairUpdater.empty("orders", partition, T0.toEpochMilli());
    baselineAttempt(updater, other, partition, 1, T0, "00000000000000b1");
    OutputFingerprint all =
        fingerprint(
            partition,
            Side.BASELINE,
            T0.plusSeconds(700),
            hashes("00000000000000ff", "00000000000000b2"));
    all.setEventId("rerun-fp");
    all.setRunId("rerun");
    all.setAttempt(2);
    updater.apply(other, all);
    assertThat(other.getBaseline().getOutputs().get(0).getRerunDiffers())
        .as("amount and loaded_at both changed, id (the key) is not compared")
        .isEmpty();
  }
}
