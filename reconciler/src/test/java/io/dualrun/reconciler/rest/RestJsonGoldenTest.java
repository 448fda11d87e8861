package io.dualrun.reconciler.rest;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.dualrun.inventory.Inventory;
import io.dualrun.inventory.InventoryLoader;
import io.dualrun.reconciler.engine.Breaches;
import io.dualrun.reconciler.engine.Mode;
import io.dualrun.reconciler.engine.PairEvaluator;
import io.dualrun.reconciler.state.PairState;
import io.dualrun.reconciler.state.PairUpdater;
import io.dualrun.schemas.avro.BreachKind;
import io.dualrun.schemas.avro.RunEvent;
import io.dualrun.schemas.avro.RunStatus;
import io.dualrun.schemas.avro.Side;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The reconciler's REST answers byte for byte against golden files ({@code
 * src/test/resources/rest}; {@code -Ddualrun.golden.update=true} rewrites them): a decided pair
 * with findings and a breach, a pending pair, their digest rows, the workflow summaries and an
 * error.
 */
class RestJsonGoldenTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Path DIR = Path.of("src/test/resources/rest");
  private static final Instant T0 = Instant.parse("2026-11-20T07:00:00Z");
  private static final long NOW = T0.plus(Duration.ofHours(5)).toEpochMilli();
  private static final Inventory INVENTORY =
      InventoryLoader.parse(
          "workflows.yaml",
          """
          workflows:
            wf:
              owner: data-team
              tier: 2
              schedule: {cron: "0 7 * * *"}
              sla: 2h
            quiet:
              owner: nobody
          """);

  private static RunEvent event(
      String id, String partition, Side side, RunStatus status, Instant t) {
    return new RunEvent(
        id,
        "wf",
        partition,
        side,
        "cron",
        "run-" + id,
        1,
        status,
        t,
        null,
        status == RunStatus.FAILED ? "oops" : null,
        null,
        new HashMap<>(),
        new java.util.ArrayList<>(),
        new java.util.ArrayList<>(),
        null);
  }

  /** Baseline succeeded, candidate failed: a MISMATCH with a STATUS finding. */
  private static PairState decided() {
    var state = PairUpdater.empty("wf", "2026-11-20", T0.toEpochMilli());
    var updater = new PairUpdater(16);
    updater.apply(state, event("a", "2026-11-20", Side.BASELINE, RunStatus.STARTED, T0));
    updater.apply(
        state, event("b", "2026-11-20", Side.BASELINE, RunStatus.SUCCEEDED, T0.plusSeconds(60)));
    updater.apply(
        state, event("c", "2026-11-20", Side.CANDIDATE, RunStatus.FAILED, T0.plusSeconds(90)));
    var evaluator = new PairEvaluator(INVENTORY, Mode.LIVE, Duration.ofDays(35));
    evaluator.evaluate(state, T0.plusSeconds(100).toEpochMilli());
    evaluator.evaluate(state, T0.plusSeconds(300).toEpochMilli());
    return state;
  }

  /** Only the baseline ran, succeeded an hour ago: pending, the candidate late. */
  private static PairState pending() {
    Instant t = Instant.parse("2026-11-21T07:00:00Z");
    var state = PairUpdater.empty("wf", "2026-11-21", t.toEpochMilli());
    var updater = new PairUpdater(16);
    updater.apply(state, event("d", "2026-11-21", Side.BASELINE, RunStatus.STARTED, t));
    RunEvent done =
        event("e", "2026-11-21", Side.BASELINE, RunStatus.SUCCEEDED, t.plusSeconds(600));
    done.setRunId("run-d");
    updater.apply(state, done);
    new PairEvaluator(INVENTORY, Mode.LIVE, Duration.ofDays(35))
        .evaluate(state, t.plus(Duration.ofHours(1)).toEpochMilli());
    long due = t.plus(Duration.ofMinutes(40)).toEpochMilli();
    var closed = Breaches.open(state, BreachKind.BASELINE_LATE, Side.BASELINE, due, null, due);
    closed.setOpen(false);
    closed.setClosedAt(due + 60_000);
    return state;
  }

  @Test
  void pairs() throws Exception {
    golden("pair-decided.json", PairJson.pair(decided(), INVENTORY.rules("wf"), NOW));
    golden("pair-pending.json", PairJson.pair(pending(), INVENTORY.rules("wf"), NOW));
    golden("pair-uninventoried.json", PairJson.pair(decided(), Inventory.empty().rules("wf"), NOW));
    golden(
        "pair-drilled.json",
        PairJson.pair(decided(), INVENTORY.rules("wf"), NOW, java.util.List.of(drillDown())));
  }

  private static io.dualrun.schemas.avro.DiffReport drillDown() {
    java.time.Instant t = java.time.Instant.parse("2026-11-20T07:05:00Z");
    return io.dualrun.schemas.avro.DiffReport.newBuilder()
        .setWorkflow("wf")
        .setPartition("2026-11-20")
        .setOutput("dw.t")
        .setRevision(1)
        .setDrillId("d1")
        .setStatus(io.dualrun.schemas.avro.DiffStatus.DIFFERENT)
        .setBaselineAgent("baseline:dw.t")
        .setCandidateAgent("candidate:dw.t")
        .setKeyColumns(java.util.List.of("id"))
        .setColumns(java.util.List.of("amount", "id"))
        .setChanged(1)
        .setRows(
            java.util.List.of(
                new io.dualrun.schemas.avro.RowDifference(
                    io.dualrun.schemas.avro.RowDifferenceKind.CHANGED,
                    java.util.List.of("1042"),
                    java.util.List.of("amount"),
                    java.util.List.of("10.50", "1042"),
                    java.util.List.of("10.05", "1042"))))
        .setBytesCrossed(640)
        .setStartedAt(t)
        .setFinishedAt(t.plusSeconds(4))
        .build();
  }

  @Test
  void digestsAndSummaries() throws Exception {
    Object a = PairJson.digest(decided(), INVENTORY.rules("wf"), NOW);
    Object b = PairJson.digest(pending(), INVENTORY.rules("wf"), NOW);
    golden("digest.json", List.of(a, b));
    List<DigestRow> rows =
        List.of(DigestRow.of(JSON.valueToTree(a)), DigestRow.of(JSON.valueToTree(b)));
    golden("workflows.json", WorkflowSummaries.all(rows, INVENTORY));
  }

  @Test
  void errors() throws Exception {
    golden(
        "error.json", PairQueries.error("workflow x is neither in the inventory nor in any pair"));
  }

  private static void golden(String name, Object answer) throws Exception {
    String actual = JSON.writerWithDefaultPrettyPrinter().writeValueAsString(answer) + "\n";
    Path file = DIR.resolve(name);
    if (Boolean.getBoolean("dualrun.golden.update")) {
      Files.writeString(file, actual, StandardCharsets.UTF_8);
    }
    assertThat(file).as("golden file (-Ddualrun.golden.update=true writes it)").exists();
    assertThat(actual).as(name).isEqualTo(Files.readString(file, StandardCharsets.UTF_8));
  }
}
