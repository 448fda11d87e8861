package io.dualrun.alerting.fold;

import static io.dualrun.alerting.Records.match;
import static io.dualrun.alerting.Records.partition;
import static io.dualrun.alerting.Records.rowCountMismatch;
import static org.assertj.core.api.Assertions.assertThat;

import io.dualrun.alerting.model.AlertEvent;
import io.dualrun.alerting.model.JsonSerde;
import io.dualrun.registry.SchemaRegistry;
import io.dualrun.schemas.avro.Verdict;
import io.dualrun.schemas.topic.TopicCatalog;
import io.dualrun.schemas.topic.TopicSettings;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.Test;

/**
 * The record clock: group waits count in the signals' own time, so replaying the same verdicts
 * gives the same notifications however the records are batched and whatever the wall clock does;
 * what still waits at the end is announced once the input is idle.
 */
class AlertRecordClockTest {
  private static final String ALERTS = "test.alerts";
  private static final Duration WAIT = Duration.ofHours(1);
  private static final Duration IDLE = Duration.ofSeconds(5);
  private static final Instant T = Instant.parse("2026-11-20T10:00:00Z");

  /** A verdict on the mismatches (and, for a MATCH, the verdicts) topic at {@code at}. */
  private record Sent(Verdict verdict, Instant at) {}

  private static Sent mismatchAt(String workflow, int day, int revision, Duration after) {
    return new Sent(rowCountMismatch(workflow, partition(day), revision), T.plus(after));
  }

  private static Sent matchAt(String workflow, int day, int revision, Duration after) {
    return new Sent(match(workflow, partition(day), revision), T.plus(after));
  }

  /** What the fold announces for {@code sent}, the wall clock moving {@code gap} after each. */
  private static List<String> announced(List<Sent> sent, Duration gap) {
    TopicCatalog catalog =
        TopicCatalog.create(SchemaRegistry.inMemory(), TopicSettings.SINGLE_NODE, true);
    Properties props = new Properties();
    props.put(StreamsConfig.APPLICATION_ID_CONFIG, "alert-record-clock-test");
    props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
    try (TopologyTestDriver driver =
        new TopologyTestDriver(
            AlertTopology.build(
                catalog,
                ALERTS,
                WAIT,
                Duration.ofHours(4),
                Duration.ofSeconds(1),
                AlertClock.RECORD,
                IDLE),
            props)) {
      TestInputTopic<String, Verdict> mismatches =
          driver.createInputTopic(
              TopicCatalog.MISMATCHES,
              Serdes.String().serializer(),
              catalog.mismatches().valueSerde().serializer());
      TestInputTopic<String, Verdict> verdicts =
          driver.createInputTopic(
              TopicCatalog.VERDICTS,
              Serdes.String().serializer(),
              catalog.verdicts().valueSerde().serializer());
      TestOutputTopic<String, AlertEvent> alerts =
          driver.createOutputTopic(
              ALERTS,
              Serdes.String().deserializer(),
              new JsonSerde<>(AlertEvent.class).deserializer());
      List<String> out = new ArrayList<>();
      for (Sent s : sent) {
        String key = s.verdict().getWorkflow() + "/" + s.verdict().getPartition();
        var input =
            s.verdict().getOutcome() == io.dualrun.schemas.avro.Outcome.MISMATCH
                ? mismatches
                : verdicts;
        input.pipeInput(new TestRecord<>(key, s.verdict(), s.at()));
        driver.advanceWallClockTime(gap);
        alerts.readRecordsToList().forEach(r -> out.add(line(r)));
      }
      driver.advanceWallClockTime(IDLE.plusSeconds(1));
      alerts.readRecordsToList().forEach(r -> out.add(line(r)));
      return out;
    }
  }

  private static String line(TestRecord<String, AlertEvent> r) {
    AlertEvent e = r.value();
    return r.timestamp() + " " + e.action() + " " + e.alertId() + " " + e.partitionCount();
  }

  private static final List<Sent> HISTORY =
      List.of(
          mismatchAt("orders", 1, 1, Duration.ZERO),
          mismatchAt("orders", 2, 1, Duration.ofMinutes(20)),
          mismatchAt("ledger", 1, 1, Duration.ofMinutes(90)),
          matchAt("ledger", 1, 2, Duration.ofMinutes(100)),
          mismatchAt("refunds", 1, 1, Duration.ofMinutes(200)),
          matchAt("orders", 1, 2, Duration.ofHours(30)));

  @Test
  void groupWaitsCountInTheSignalsTimeAndWhatWaitsAtTheEndIsAnnouncedOnceIdle() {
    assertThat(announced(HISTORY, Duration.ZERO))
        .containsExactly(
            // the orders group, judged before the ledger signal that passes its due time
            T.plus(WAIT).toEpochMilli() + " OPEN orders/ROW_COUNT 2",
            // ledger resolved within its group wait: nobody was told
            T.plus(Duration.ofMinutes(150)).toEpochMilli() + " NONE ledger/ROW_COUNT 0",
            T.plus(Duration.ofMinutes(260)).toEpochMilli() + " OPEN refunds/ROW_COUNT 1",
            // no REPEAT of the firing alerts over the 26 hours of history between
            T.plus(Duration.ofHours(31)).toEpochMilli() + " UPDATE orders/ROW_COUNT 1");
  }

  @Test
  void theSameHistoryGivesTheSameNotificationsWhateverTheWallClockDoesBelowTheIdleFlush() {
    assertThat(announced(HISTORY, Duration.ofSeconds(4)))
        .isEqualTo(announced(HISTORY, Duration.ZERO));
  }
}
