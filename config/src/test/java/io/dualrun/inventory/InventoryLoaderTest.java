package io.dualrun.inventory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dualrun.schemas.avro.Side;
import io.dualrun.schemas.normalise.ColumnRule;
import io.dualrun.schemas.normalise.Normalisation;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;

class InventoryLoaderTest {
  private static final String VALID =
      """
      defaults:
        settle: 2m
        grace: 30m
        readinessPartitions: 7
      workflows:
        revenue-daily:
          owner: finance-data
          tier: 1
          timezone: Europe/Paris
          granularity: day
          schedule:
            cron: "5 7 * * *"
            partitionOffset: -1d
          sla: 1h
          durationRatio: 1.3
          durationMinDifference: 5m
          baseline: {orchestrator: cron, job: revenue_daily.sh, partitionOffset: -1d}
          candidate: {orchestrator: airflow, job: revenue_daily}
          outputs:
            - name: analytics.revenue_daily
              rowCount: {absolute: 10, relative: 0.01}
              ignoreColumns: [loaded_at]
              columnStats:
                amount: {relative: 0.001}
            - analytics.revenue_by_country
        customer-dim:
          owner: crm
      """;

  @Test
  void readsAFullInventory() {
    Inventory inv = InventoryLoader.parse("workflows.yaml", VALID);
    WorkflowSpec w = inv.workflow("revenue-daily").orElseThrow();
    assertThat(w.owner()).isEqualTo("finance-data");
    assertThat(w.tier()).isEqualTo(1);
    assertThat(w.zone()).isEqualTo(ZoneId.of("Europe/Paris"));
    assertThat(w.sla()).isEqualTo(Duration.ofHours(1));
    assertThat(w.grace()).isEqualTo(Duration.ofMinutes(30));
    assertThat(w.readinessPartitions()).isEqualTo(7);
    assertThat(w.durationRatio()).isEqualTo(1.3);
    assertThat(w.durationMinDifference()).isEqualTo(Duration.ofMinutes(5));
    assertThat(inv.workflow("customer-dim").orElseThrow().durationMinDifference())
        .as("default")
        .isEqualTo(Duration.ofMinutes(1));
    assertThat(w.outputs()).hasSize(2);
    OutputSpec o = w.output("analytics.revenue_daily");
    assertThat(o.rowCount().accepts(1000, 1009)).isTrue();
    assertThat(o.rowCount().accepts(10_000, 10_090)).isTrue();
    assertThat(o.rowCount().accepts(1000, 1011)).isFalse();
    assertThat(o.ignoreColumns()).containsExactly("loaded_at");
    assertThat(o.statTolerance("amount").relative()).isEqualTo(0.001);
    assertThat(w.line()).isEqualTo(6);
    assertThat(inv.workflow("customer-dim").orElseThrow().schedule()).isNull();
  }

  @Test
  void mapsNativeIdsAndTimesToPartitions() {
    Inventory inv = InventoryLoader.parse("workflows.yaml", VALID);
    NativeRef cron = inv.resolve("CRON", null, "revenue_daily.sh").orElseThrow();
    assertThat(cron.side()).isEqualTo(Side.BASELINE);
    assertThat(cron.workflow().id()).isEqualTo("revenue-daily");
    Instant fire = Instant.parse("2026-11-21T06:05:00Z"); // 07:05 in Paris
    assertThat(cron.mapping().partition(fire, cron.workflow().zone(), Granularity.DAY))
        .isEqualTo("2026-11-20");
    NativeRef airflow = inv.resolve("airflow", "any-namespace", "revenue_daily").orElseThrow();
    assertThat(airflow.side()).isEqualTo(Side.CANDIDATE);
    assertThat(inv.resolve("airflow", null, "unknown")).isEmpty();
  }

  @Test
  void schedulesGiveExpectedPartitions() {
    WorkflowSpec w = InventoryLoader.parse("w.yaml", VALID).workflow("revenue-daily").orElseThrow();
    Instant next = w.schedule().nextFire(Instant.parse("2026-11-21T00:00:00Z")).orElseThrow();
    assertThat(next).isEqualTo(Instant.parse("2026-11-21T06:05:00Z"));
    assertThat(w.schedule().partitionOf(next, w.granularity())).isEqualTo("2026-11-20");
  }

  @Test
  void unknownWorkflowsGetDefaultsAndAreMarked() {
    WorkflowSpec w = InventoryLoader.parse("w.yaml", VALID).rules("not-declared");
    assertThat(w.inventoried()).isFalse();
    assertThat(w.settle()).isEqualTo(Duration.ofMinutes(2));
    assertThat(w.readinessPartitions()).isEqualTo(7);
    assertThat(w.outputs()).isEmpty();
    assertThat(w.fingerprintTimeout()).isEqualTo(Duration.ofMinutes(30));
  }

  @Test
  void theFingerprintTimeoutIsSetByDefaultsOrPerWorkflowAndNeverNegative() {
    Inventory inv =
        InventoryLoader.parse(
            "w.yaml",
            """
            defaults:
              fingerprintTimeout: 45m
            workflows:
              a: {owner: t}
              b: {owner: t, fingerprintTimeout: 2h}
            """);
    assertThat(inv.rules("a").fingerprintTimeout()).isEqualTo(Duration.ofMinutes(45));
    assertThat(inv.rules("b").fingerprintTimeout()).isEqualTo(Duration.ofHours(2));
    assertThat(inv.rules("undeclared").fingerprintTimeout()).isEqualTo(Duration.ofMinutes(45));
    assertThatThrownBy(
            () ->
                InventoryLoader.parse(
                    "w.yaml", "workflows:\n  a: {owner: t, fingerprintTimeout: -5m}\n"))
        .hasMessageContaining("w.yaml:2: workflows.a.fingerprintTimeout: must not be negative");
  }

  @Test
  void reportsEveryProblemWithFileLineAndField() {
    String bad =
        """
        workflows:
          revenue-daily:
            tier: 9
            sla: soon
            schedule: {cron: "61 * * * *"}
            timezone: Mars/Olympus
            colour: red
            baseline: {orchestrator: cron}
          "bad id!":
            owner: x
        """;
    assertThatThrownBy(() -> InventoryLoader.parse("workflows.yaml", bad))
        .isInstanceOfSatisfying(
            InventoryException.class,
            e ->
                assertThat(e.problems())
                    .containsExactlyInAnyOrder(
                        "workflows.yaml:2: workflows.revenue-daily.owner: is required (the team that receives this workflow's alerts)",
                        "workflows.yaml:3: workflows.revenue-daily.tier: must be between 1 and 4, was 9",
                        "workflows.yaml:4: workflows.revenue-daily.sla: 'soon' is not a duration (e.g. 30m, 2h, 1d, -1d, PT1H30M)",
                        "workflows.yaml:5: workflows.revenue-daily.schedule.cron: '61 * * * *' is not a UNIX cron expression: Failed to parse cron expression. Value 61 not in range [0, 59]",
                        "workflows.yaml:6: workflows.revenue-daily.timezone: 'Mars/Olympus' is not a time zone id (e.g. Europe/Paris, UTC)",
                        "workflows.yaml:7: workflows.revenue-daily.colour: is not a known key (known: baseline, candidate, durationMinDifference, durationRatio, fingerprintTimeout, grace, granularity, holidays, inputs, outputs, owner, readinessCoverage, readinessMaxMismatchRate, readinessPartitions, schedule, settle, sla, tier, timezone)",
                        "workflows.yaml:8: workflows.revenue-daily.baseline.job: is required (the native job / dag / flow id)",
                        "workflows.yaml:9: workflows.bad id!: 'bad id!' is not a workflow id ([A-Za-z0-9][A-Za-z0-9._-]{0,127})"));
  }

  @Test
  void reportsYamlSyntaxErrorsWithTheLine() {
    assertThatThrownBy(() -> InventoryLoader.parse("w.yaml", "workflows:\n  a: [1, 2\n"))
        .isInstanceOf(InventoryException.class)
        .hasMessageContaining("w.yaml:3: not valid YAML");
  }

  @Test
  void refusesANativeJobMappedTwice() {
    String twice =
        """
        workflows:
          a: {owner: x, candidate: {orchestrator: airflow, job: same}}
          b: {owner: y, candidate: {orchestrator: Airflow, job: same}}
        """;
    assertThatThrownBy(() -> InventoryLoader.parse("w.yaml", twice))
        .hasMessageContaining(
            "w.yaml:3: workflows.b: native job 'same' of Airflow is already mapped by workflow a");
  }

  @Test
  void anEmptyFileIsAnEmptyInventory() {
    assertThat(InventoryLoader.parse("w.yaml", "").workflows()).isEmpty();
  }

  @Test
  void readsNormalisationRulesPerOutputColumn() {
    String yaml =
        """
        workflows:
          sales:
            owner: t
            outputs:
              - name: dw.orders
                normalise:
                  amount: {scale: 2}
                  loaded_at: {precision: ms, timezone: Europe/Paris}
                  name: {trim: true, caseInsensitive: true, emptyIsNull: true}
                  customer: {baseline: cust_id, candidate: Customer_ID}
        """;
    Normalisation n =
        InventoryLoader.parse("w.yaml", yaml)
            .workflow("sales")
            .orElseThrow()
            .output("dw.orders")
            .normalise();
    assertThat(n.text())
        .isEqualTo(
            "amount:scale=2;customer:baseline=cust_id,candidate=customer_id;"
                + "loaded_at:precision=ms,timezone=Europe/Paris;"
                + "name:trim,case-insensitive,empty-is-null");
    assertThat(Normalisation.parse(java.util.List.of(n.text()))).isEqualTo(n);
    assertThat(n.canonicalName("CUSTOMER_ID", true)).isEqualTo("customer");
    assertThat(n.canonicalName("cust_id", false)).isEqualTo("customer");
    assertThat(n.canonicalName("amount", true)).isEqualTo("amount");
  }

  @Test
  void reportsBadNormalisationRulesWithLineAndField() {
    String bad =
        """
        workflows:
          sales:
            owner: t
            outputs:
              - name: dw.orders
                normalise:
                  amount: {scale: 40}
                  loaded_at: {precision: ns, timezone: Mars/Olympus}
                  name: {trim: maybe, upper: true}
                  a: {baseline: x}
                  b: {baseline: x}
        """;
    assertThatThrownBy(() -> InventoryLoader.parse("w.yaml", bad))
        .isInstanceOfSatisfying(
            InventoryException.class,
            e ->
                assertThat(e.problems())
                    .containsExactlyInAnyOrder(
                        "w.yaml:7: workflows.sales.outputs[0].normalise.amount:"
                            + " scale must be 0 … 18 decimals, was 40",
                        "w.yaml:8: workflows.sales.outputs[0].normalise.loaded_at.precision:"
                            + " precision must be ms or s, was 'ns'",
                        "w.yaml:8: workflows.sales.outputs[0].normalise.loaded_at.timezone:"
                            + " timezone 'Mars/Olympus' is not a zone id (Europe/Paris) or offset"
                            + " (+01:00)",
                        "w.yaml:9: workflows.sales.outputs[0].normalise.name.trim:"
                            + " trim is true or false, was 'maybe'",
                        "w.yaml:9: workflows.sales.outputs[0].normalise.name.upper: is not a known"
                            + " key (known: baseline, candidate, caseInsensitive, emptyIsNull,"
                            + " precision, scale, timezone, trim)",
                        "w.yaml:6: workflows.sales.outputs[0].normalise:"
                            + " columns a and b both name the baseline's column x"));
  }

  @Test
  void aRuleWrittenAsAFlagIsReadBackOrRefusedWithItsReason() {
    assertThat(ColumnRule.parse("trim , scale=3,timezone=+01:00").text())
        .isEqualTo("scale=3,timezone=+01:00,trim");
    assertThatThrownBy(() -> Normalisation.parse(java.util.List.of("amount:scale=two")))
        .hasMessage("column amount: scale must be a whole number, was 'two'");
    assertThatThrownBy(() -> Normalisation.parse(java.util.List.of("amount")))
        .hasMessage("'amount' is not column:rule[,rule] (e.g. amount:scale=2)");
    assertThatThrownBy(() -> Normalisation.parse(java.util.List.of("a:trim", "a:scale=1")))
        .hasMessage("column a is given twice");
    assertThatThrownBy(() -> ColumnRule.parse("trim,trim")).hasMessage("'trim' is given twice");
    assertThatThrownBy(() -> ColumnRule.parse("round=2"))
        .hasMessageStartingWith("'round' is not a rule");
  }
}
