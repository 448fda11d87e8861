package io.dualrun.alerting.fold;

import static io.dualrun.alerting.Records.breach;
import static io.dualrun.alerting.Records.match;
import static io.dualrun.alerting.Records.partition;
import static io.dualrun.alerting.Records.rowCountMismatch;
import static org.assertj.core.api.Assertions.assertThat;

import io.dualrun.alerting.model.AlertAction;
import io.dualrun.alerting.model.AlertEvent;
import io.dualrun.alerting.model.AlertStatus;
import io.dualrun.alerting.model.JsonSerde;
import io.dualrun.registry.SchemaRegistry;
import io.dualrun.schemas.avro.BreachKind;
import io.dualrun.schemas.avro.BreachState;
import io.dualrun.schemas.avro.FreshnessBreach;
import io.dualrun.schemas.avro.Verdict;
import io.dualrun.schemas.topic.TopicCatalog;
import io.dualrun.schemas.topic.TopicSettings;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class AlertTopologyTest {
  private static final String ALERTS = "test.alerts";
  private static final Duration WAIT = Duration.ofSeconds(10);
  private static final Duration REPEAT = Duration.ofHours(1);

  private TopologyTestDriver driver;
  private TestInputTopic<String, Verdict> mismatches;
  private TestInputTopic<String, Verdict> verdicts;
  private TestInputTopic<String, FreshnessBreach> freshness;
  private TestOutputTopic<String, AlertEvent> alerts;
  private TopicCatalog catalog;

  @BeforeEach
  void start() {
    catalog = TopicCatalog.create(SchemaRegistry.inMemory(), TopicSettings.SINGLE_NODE, true);
    Properties props = new Properties();
    props.put(StreamsConfig.APPLICATION_ID_CONFIG, "alert-topology-test");
    props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
    driver =
        new TopologyTestDriver(
            AlertTopology.build(catalog, ALERTS, WAIT, REPEAT, Duration.ofSeconds(1)), props);
    mismatches =
        driver.createInputTopic(
            TopicCatalog.MISMATCHES,
            Serdes.String().serializer(),
            catalog.mismatches().valueSerde().serializer());
    verdicts =
        driver.createInputTopic(
            TopicCatalog.VERDICTS,
            Serdes.String().serializer(),
            catalog.verdicts().valueSerde().serializer());
    freshness =
        driver.createInputTopic(
            TopicCatalog.FRESHNESS,
            Serdes.String().serializer(),
            catalog.freshness().valueSerde().serializer());
    alerts =
        driver.createOutputTopic(
            ALERTS,
            Serdes.String().deserializer(),
            new JsonSerde<>(AlertEvent.class).deserializer());
  }

  @AfterEach
  void stop() {
    driver.close();
  }

  private void mismatch(String workflow, int day, int revision) {
    Verdict v = rowCountMismatch(workflow, partition(day), revision);
    mismatches.pipeInput(workflow + "/" + partition(day), v);
    verdicts.pipeInput(workflow + "/" + partition(day), v);
  }

  @Test
  void withoutAGroupWaitAnAlertIsDecidedWithTheSignalNotAtTheNextTick() {
    driver.close();
    TopicCatalog catalog =
        TopicCatalog.create(SchemaRegistry.inMemory(), TopicSettings.SINGLE_NODE, true);
    Properties props = new Properties();
    props.put(StreamsConfig.APPLICATION_ID_CONFIG, "alert-topology-no-wait");
    props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
    driver =
        new TopologyTestDriver(
            AlertTopology.build(catalog, ALERTS, Duration.ZERO, REPEAT, Duration.ofMinutes(1)),
            props);
    TestInputTopic<String, Verdict> input =
        driver.createInputTopic(
            TopicCatalog.MISMATCHES,
            Serdes.String().serializer(),
            catalog.mismatches().valueSerde().serializer());
    TestOutputTopic<String, AlertEvent> output =
        driver.createOutputTopic(
            ALERTS,
            Serdes.String().deserializer(),
            new JsonSerde<>(AlertEvent.class).deserializer());

    input.pipeInput("orders/" + partition(1), rowCountMismatch("orders", partition(1), 1));

    List<AlertEvent> out = output.readValuesToList();
    assertThat(out)
        .singleElement()
        .satisfies(e -> assertThat(e.action()).isEqualTo(AlertAction.OPEN));
    driver.advanceWallClockTime(Duration.ofMinutes(30));
    assertThat(output.isEmpty()).as("the ticks have nothing left to announce").isTrue();
  }

  @Test
  void thirtyMismatchingPartitionsArrivingTogetherGiveOneOpenThatSaysThirty() {
    for (int day = 1; day <= 30; day++) {
      mismatch("revenue-daily", day, 1);
    }
    driver.advanceWallClockTime(WAIT.minusSeconds(2));
    assertThat(alerts.isEmpty()).as("nothing before the group wait").isTrue();

    driver.advanceWallClockTime(Duration.ofSeconds(3));
    List<AlertEvent> out = alerts.readValuesToList();
    assertThat(out).hasSize(1);
    AlertEvent e = out.get(0);
    assertThat(e.alertId()).isEqualTo("revenue-daily/ROW_COUNT");
    assertThat(e.action()).isEqualTo(AlertAction.OPEN);
    assertThat(e.status()).isEqualTo(AlertStatus.FIRING);
    assertThat(e.partitionCount()).isEqualTo(30);
    assertThat(e.partitions()).first().isEqualTo(partition(1));
    assertThat(e.severity()).isEqualTo("critical");
    assertThat(e.members().get(0).candidate().failedTask()).isEqualTo("load_revenue");
  }

  @Test
  void newPartitionsAreAnUpdateAndMatchesResolveOnlyWhenAllPartitionsAreResolved() {
    mismatch("orders", 1, 1);
    driver.advanceWallClockTime(WAIT.plusSeconds(1));
    assertThat(alerts.readValue().action()).isEqualTo(AlertAction.OPEN);

    mismatch("orders", 2, 1);
    driver.advanceWallClockTime(WAIT.plusSeconds(1));
    AlertEvent update = alerts.readValue();
    assertThat(update.action()).isEqualTo(AlertAction.UPDATE);
    assertThat(update.partitionCount()).isEqualTo(2);
    assertThat(update.added()).containsExactly(partition(2));

    verdicts.pipeInput("orders/" + partition(1), match("orders", partition(1), 2));
    driver.advanceWallClockTime(WAIT.plusSeconds(1));
    AlertEvent partly = alerts.readValue();
    assertThat(partly.status()).isEqualTo(AlertStatus.FIRING);
    assertThat(partly.partitions()).containsExactly(partition(2));
    assertThat(partly.removed()).containsExactly(partition(1));

    verdicts.pipeInput("orders/" + partition(2), match("orders", partition(2), 2));
    driver.advanceWallClockTime(WAIT.plusSeconds(1));
    AlertEvent resolved = alerts.readValue();
    assertThat(resolved.action()).isEqualTo(AlertAction.RESOLVE);
    assertThat(resolved.status()).isEqualTo(AlertStatus.RESOLVED);
    assertThat(resolved.partitions()).containsExactly(partition(2));
    assertThat(alerts.isEmpty()).isTrue();
  }

  @Test
  void aPairWhoseDifferencesAreWaivedResolvesLikeAMatch() {
    mismatch("waived", 1, 1);
    driver.advanceWallClockTime(WAIT.plusSeconds(1));
    assertThat(alerts.readValue().action()).isEqualTo(AlertAction.OPEN);

    var finding = io.dualrun.alerting.Records.rowCount();
    finding.setWaiver("w-late-orders");
    var waived =
        io.dualrun.alerting.Records.verdict(
            "waived",
            partition(1),
            2,
            io.dualrun.schemas.avro.Outcome.MATCH_WITH_WAIVER,
            java.util.List.of(finding));
    waived.setPreviousOutcome(io.dualrun.schemas.avro.Outcome.MISMATCH);
    waived.setResolution(true);
    verdicts.pipeInput("waived/" + partition(1), waived);
    driver.advanceWallClockTime(WAIT.plusSeconds(1));
    AlertEvent resolved = alerts.readValue();
    assertThat(resolved.action()).isEqualTo(AlertAction.RESOLVE);
    assertThat(alerts.isEmpty()).isTrue();
  }

  @Test
  void anOlderRevisionArrivingAfterTheResolutionChangesNothing() {
    verdicts.pipeInput("late/" + partition(1), match("late", partition(1), 2));
    mismatches.pipeInput("late/" + partition(1), rowCountMismatch("late", partition(1), 1));
    driver.advanceWallClockTime(WAIT.plusSeconds(1));
    assertThat(alerts.isEmpty()).isTrue();
  }

  @Test
  void aFiringAlertIsRepeatedAfterTheRepeatInterval() {
    mismatch("repeat", 1, 1);
    driver.advanceWallClockTime(WAIT.plusSeconds(1));
    assertThat(alerts.readValue().action()).isEqualTo(AlertAction.OPEN);
    driver.advanceWallClockTime(REPEAT.minusSeconds(5));
    assertThat(alerts.isEmpty()).isTrue();
    driver.advanceWallClockTime(Duration.ofSeconds(10));
    AlertEvent repeat = alerts.readValue();
    assertThat(repeat.action()).isEqualTo(AlertAction.REPEAT);
    assertThat(repeat.version()).isEqualTo(2);
  }

  @Test
  void breachesGroupByKindAndResolveWhenClosed() {
    for (int day = 1; day <= 3; day++) {
      freshness.pipeInput(
          "fresh/" + partition(day),
          breach("fresh", partition(day), BreachKind.CANDIDATE_LATE, BreachState.OPEN));
    }
    driver.advanceWallClockTime(WAIT.plusSeconds(1));
    AlertEvent open = alerts.readValue();
    assertThat(open.alertId()).isEqualTo("fresh/CANDIDATE_LATE");
    assertThat(open.partitionCount()).isEqualTo(3);
    assertThat(open.severity()).isEqualTo("warning");

    for (int day = 1; day <= 3; day++) {
      freshness.pipeInput(
          "fresh/" + partition(day),
          breach("fresh", partition(day), BreachKind.CANDIDATE_LATE, BreachState.CLOSED));
    }
    driver.advanceWallClockTime(WAIT.plusSeconds(1));
    AlertEvent resolved = alerts.readValue();
    assertThat(resolved.action()).isEqualTo(AlertAction.RESOLVE);
    assertThat(resolved.partitionCount()).isEqualTo(3);
  }

  @Test
  void anAlertResolvedWithinTheGroupWaitIsNeverAnnounced() {
    mismatch("blip", 1, 1);
    verdicts.pipeInput("blip/" + partition(1), match("blip", partition(1), 2));
    driver.advanceWallClockTime(WAIT.plusSeconds(1));
    AlertEvent e = alerts.readValue();
    assertThat(e.action()).isEqualTo(AlertAction.NONE);
    assertThat(e.status()).isEqualTo(AlertStatus.RESOLVED);
  }

  private static io.dualrun.schemas.avro.DiffReport report(
      String workflow, int day, int revision, io.dualrun.schemas.avro.DiffStatus status) {
    java.time.Instant t = java.time.Instant.parse("2026-11-22T08:00:00Z");
    return io.dualrun.schemas.avro.DiffReport.newBuilder()
        .setWorkflow(workflow)
        .setPartition(partition(day))
        .setOutput("analytics.revenue_daily")
        .setRevision(revision)
        .setDrillId("d1")
        .setStatus(status)
        .setBaselineAgent("baseline:analytics.revenue_daily")
        .setCandidateAgent("candidate:analytics.revenue_daily")
        .setKeyColumns(List.of("id"))
        .setColumns(List.of("amount", "id"))
        .setOnlyInBaseline(2)
        .setChanged(1)
        .setRows(
            List.of(
                new io.dualrun.schemas.avro.RowDifference(
                    io.dualrun.schemas.avro.RowDifferenceKind.CHANGED,
                    List.of("1042"),
                    List.of("amount"),
                    List.of("10.50", "1042"),
                    List.of("10.05", "1042")),
                new io.dualrun.schemas.avro.RowDifference(
                    io.dualrun.schemas.avro.RowDifferenceKind.ONLY_IN_BASELINE,
                    List.of("7"),
                    List.of(),
                    List.of("1.00", "7"),
                    null)))
        .setStartedAt(t)
        .setFinishedAt(t.plusSeconds(4))
        .build();
  }

  @Test
  void aDrillDownsRowsUpdateTheContentAlertOfItsRevisionOnly() {
    TestInputTopic<String, io.dualrun.schemas.avro.DiffReport> diffs =
        driver.createInputTopic(
            TopicCatalog.DIFFS,
            Serdes.String().serializer(),
            catalog.diffs().valueSerde().serializer());
    Verdict content =
        io.dualrun.alerting.Records.verdict(
            "revenue",
            partition(5),
            1,
            io.dualrun.schemas.avro.Outcome.MISMATCH,
            List.of(
                io.dualrun.schemas.avro.Finding.newBuilder()
                    .setKind(io.dualrun.schemas.avro.FindingKind.CONTENT)
                    .setOutput("analytics.revenue_daily")
                    .setDetail("Output analytics.revenue_daily has different content")
                    .build()));
    mismatches.pipeInput("revenue/" + partition(5), content);
    driver.advanceWallClockTime(WAIT.plusSeconds(2));
    assertThat(alerts.readValuesToList())
        .singleElement()
        .satisfies(e -> assertThat(e.action()).isEqualTo(AlertAction.OPEN));

    // a PENDING report says nothing; a report of another revision is moot
    diffs.pipeInput(
        "revenue/" + partition(5),
        report("revenue", 5, 1, io.dualrun.schemas.avro.DiffStatus.PENDING));
    diffs.pipeInput(
        "revenue/" + partition(5),
        report("revenue", 5, 2, io.dualrun.schemas.avro.DiffStatus.DIFFERENT));
    driver.advanceWallClockTime(WAIT.plusSeconds(2));
    assertThat(alerts.isEmpty()).isTrue();

    diffs.pipeInput(
        "revenue/" + partition(5),
        report("revenue", 5, 1, io.dualrun.schemas.avro.DiffStatus.DIFFERENT));
    driver.advanceWallClockTime(WAIT.plusSeconds(2));
    List<AlertEvent> out = alerts.readValuesToList();
    assertThat(out)
        .singleElement()
        .satisfies(
            e -> {
              assertThat(e.action()).isEqualTo(AlertAction.UPDATE);
              assertThat(e.members())
                  .singleElement()
                  .satisfies(
                      m ->
                          assertThat(m.rows())
                              .containsExactly(
                                  "analytics.revenue_daily: 3 rows differ (2 only in the baseline, 1 changed):"
                                      + " id 1042 amount 10.50 → 10.05; id 7 only in the baseline; …"));
            });
    driver.advanceWallClockTime(WAIT.plusSeconds(2));
    assertThat(alerts.isEmpty()).as("announced once").isTrue();
  }
}
