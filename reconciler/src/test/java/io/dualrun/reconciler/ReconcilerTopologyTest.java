package io.dualrun.reconciler;

import static org.assertj.core.api.Assertions.assertThat;

import io.dualrun.inventory.Inventory;
import io.dualrun.reconciler.engine.Mode;
import io.dualrun.schemas.avro.DecisionReason;
import io.dualrun.schemas.avro.Outcome;
import io.dualrun.schemas.avro.RunEvent;
import io.dualrun.schemas.avro.RunStatus;
import io.dualrun.schemas.avro.Side;
import io.dualrun.schemas.avro.Verdict;
import io.dualrun.schemas.topic.DlqHeaders;
import io.dualrun.schemas.topic.TopicCatalog;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.Test;

class ReconcilerTopologyTest {
  @Test
  void bothSidesEqualGiveOneMatchVerdict() {
    try (Harness h = new Harness()) {
      h.sendAll(Harness.matchingPair("revenue-daily", "2026-11-20", "analytics.revenue"));
      List<Verdict> verdicts = h.verdicts();
      assertThat(verdicts).hasSize(1);
      Verdict v = verdicts.get(0);
      assertThat(v.getOutcome()).isEqualTo(Outcome.MATCH);
      assertThat(v.getRevision()).isEqualTo(1);
      assertThat(v.getReason()).isEqualTo(DecisionReason.COMPLETE);
      assertThat(v.getInventoried()).isFalse();
      assertThat(v.getBaseline().getDurationMs()).isEqualTo(300_000L);
      assertThat(v.getCandidate().getOutputs()).hasSize(1);
      assertThat(h.mismatches.isEmpty()).isTrue();
    }
  }

  @Test
  void unreadableRecordGoesToDlqWithReasonAndProcessingContinues() {
    // The test driver does not hand over records written by the deserialization handler inside
    // an exactly-once transaction, so this test runs at-least-once.
    Map<String, ?> alos =
        Map.of("reconciler.streams.properties", Map.of("processing.guarantee", "at_least_once"));
    try (Harness h = new Harness(Inventory.empty(), Mode.LIVE, Harness.T0, alos)) {
      h.rawEvents.pipeInput(
          new TestRecord<>("wf/p".getBytes(StandardCharsets.UTF_8), new byte[] {1, 2, 3, 4, 5, 6}));
      // the test driver hands over records written while skipping a record with the next one
      h.sendAll(Harness.matchingPair("wf", "p", "out"));
      assertThat(h.verdicts()).hasSize(1);
      var dlq = h.dlq.readRecordsToList();
      assertThat(dlq).hasSize(1);
      var headers = dlq.get(0).headers();
      assertThat(DlqHeaders.get(headers, DlqHeaders.REASON)).contains("magic byte");
      assertThat(DlqHeaders.get(headers, DlqHeaders.SOURCE)).isEqualTo(TopicCatalog.RUN_EVENTS);
      assertThat(DlqHeaders.get(headers, DlqHeaders.SOURCE_OFFSET)).isEqualTo("0");
      assertThat(DlqHeaders.get(headers, DlqHeaders.COMPONENT)).isEqualTo("reconciler");
      assertThat(dlq.get(0).value()).containsExactly(1, 2, 3, 4, 5, 6);
    }
  }

  @Test
  void recordBreakingRulesGoesToDlqNamingTheField() {
    try (Harness h = new Harness()) {
      RunEvent bad =
          RunEvent.newBuilder(
                  Harness.event("wf", "p", Side.BASELINE, 1, RunStatus.SUCCEEDED, Harness.T0))
              .setAttempt(0)
              .build();
      h.send(bad);
      var dlq = h.dlq.readRecordsToList();
      assertThat(dlq).hasSize(1);
      assertThat(DlqHeaders.get(dlq.get(0).headers(), DlqHeaders.REASON))
          .contains("attempt")
          .contains("must be 1 or more");
      assertThat(dlq.get(0).value()).isNotEmpty();
    }
  }
}
