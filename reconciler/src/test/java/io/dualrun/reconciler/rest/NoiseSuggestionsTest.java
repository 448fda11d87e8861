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
}
