package io.dualrun.schemas.topic;

import static org.assertj.core.api.Assertions.assertThat;

import io.dualrun.registry.SchemaRegistry;
import io.dualrun.schemas.avro.BreachKind;
import io.dualrun.schemas.avro.DecisionReason;
import io.dualrun.schemas.avro.DeliveryResult;
import io.dualrun.schemas.avro.FindingKind;
import io.dualrun.schemas.avro.NotificationAction;
import io.dualrun.schemas.avro.Outcome;
import io.dualrun.schemas.avro.RunStatus;
import io.dualrun.schemas.avro.Side;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class TopicCatalogTest {

  @Test
  void namesTheTopicsOfTheDesign() {
    TopicCatalog c =
        TopicCatalog.create(SchemaRegistry.inMemory(), TopicSettings.SINGLE_NODE, true);
    assertThat(c.all())
        .extracting(Topic::name)
        .containsExactly(
            "dualrun.run-events.v1",
            "dualrun.fingerprints.v1",
            "dualrun.verdicts.v1",
            "dualrun.mismatches.v1",
            "dualrun.freshness.v1",
            "dualrun.notifications.v1",
            "dualrun.dlq.v1",
            "dualrun.waivers.v1",
            "dualrun.cutovers.v1",
            "dualrun.drill-requests.v1",
            "dualrun.drill-answers.v1",
            "dualrun.diffs.v1");
    assertThat(c.drillRequests().spec().configs())
        .containsEntry("retention.ms", Long.toString(7 * 24 * 3600 * 1000L));
    assertThat(c.runEvents().spec().partitions()).isEqualTo(6);
    assertThat(c.verdicts().spec().configs()).containsEntry("cleanup.policy", "delete");
    assertThat(c.waivers().spec().configs()).containsEntry("cleanup.policy", "compact");
    assertThat(c.waivers().spec().partitions()).isEqualTo(1);
    assertThat(c.cutovers().spec().configs()).containsEntry("cleanup.policy", "compact");
  }

  /**
   * Avro writes an enum as the index of its symbol: symbols may be appended, never reordered or
   * removed. This list is the wire contract.
   */
  @Test
  void enumSymbolsKeepTheirWireIndex() {
    assertThat(names(Side.values())).containsExactly("BASELINE", "CANDIDATE");
    assertThat(names(RunStatus.values()))
        .containsExactly("STARTED", "SUCCEEDED", "FAILED", "SKIPPED");
    assertThat(names(FindingKind.values()))
        .containsExactly(
            "STATUS",
            "OUTPUT_MISSING",
            "ROW_COUNT",
            "CONTENT",
            "SCHEMA",
            "COLUMN_STAT",
            "DURATION");
    assertThat(names(Outcome.values())).containsExactly("MATCH", "MISMATCH", "MATCH_WITH_WAIVER");
    assertThat(names(DecisionReason.values()))
        .containsExactly("COMPLETE", "SETTLED", "FINGERPRINT_TIMEOUT", "CANDIDATE_ALONE");
    assertThat(names(BreachKind.values()))
        .containsExactly("CANDIDATE_LATE", "BASELINE_LATE", "SLA_MISSED");
    assertThat(names(NotificationAction.values()))
        .containsExactly("OPEN", "UPDATE", "REPEAT", "RESOLVE");
    assertThat(names(DeliveryResult.values()))
        .containsExactly("DELIVERED", "FAILED", "SILENCED", "RATE_LIMITED");
  }

  private static List<String> names(Enum<?>[] values) {
    return Arrays.stream(values).map(Enum::name).toList();
  }
}
