package io.dualrun.reconciler;

import static io.dualrun.reconciler.Harness.T0;
import static org.assertj.core.api.Assertions.assertThat;

import io.dualrun.inventory.Inventory;
import io.dualrun.reconciler.decide.EncodedVerdict;
import io.dualrun.reconciler.decide.EncodedVerdictSerializer;
import io.dualrun.reconciler.engine.Emission;
import io.dualrun.reconciler.engine.Mode;
import io.dualrun.reconciler.engine.PairEvaluator;
import io.dualrun.reconciler.state.PairState;
import io.dualrun.reconciler.state.PairUpdater;
import io.dualrun.registry.SchemaRegistry;
import io.dualrun.schemas.avro.RunStatus;
import io.dualrun.schemas.avro.Side;
import io.dualrun.schemas.avro.Verdict;
import io.dualrun.schemas.topic.TopicCatalog;
import io.dualrun.schemas.topic.TopicSettings;
import java.time.Duration;
import java.util.List;
import org.apache.kafka.common.serialization.Serde;
import org.junit.jupiter.api.Test;

/**
 * Verdicts go out as the binary encoded once for the pair state: byte for byte what the topic's own
 * registry serde writes, and read back by it.
 */
class EncodedVerdictTest {
  private final TopicCatalog catalog =
      TopicCatalog.create(SchemaRegistry.inMemory(), TopicSettings.SINGLE_NODE, true);

  private static EncodedVerdict mismatch() {
    PairState state = PairUpdater.empty("orders", "2026-11-20", T0.toEpochMilli());
    PairUpdater updater = new PairUpdater(16);
    updater.apply(
        state, Harness.event("orders", "2026-11-20", Side.BASELINE, 1, RunStatus.STARTED, T0));
    updater.apply(
        state,
        Harness.event(
            "orders", "2026-11-20", Side.BASELINE, 1, RunStatus.SUCCEEDED, T0.plusSeconds(60)));
    updater.apply(
        state,
        Harness.fingerprint(
            "orders", "2026-11-20", Side.BASELINE, 1, "facts", 10, "00000000000000aa"));
    updater.apply(
        state,
        Harness.event(
            "orders", "2026-11-20", Side.CANDIDATE, 1, RunStatus.SUCCEEDED, T0.plusSeconds(90)));
    updater.apply(
        state,
        Harness.fingerprint(
            "orders", "2026-11-20", Side.CANDIDATE, 1, "facts", 12, "00000000000000ab"));
    List<Emission> out =
        new PairEvaluator(Inventory.empty(), Mode.LIVE, Duration.ofDays(35))
            .evaluate(state, T0.plusSeconds(7200).toEpochMilli())
            .emissions();
    return out.stream().filter(Emission::isVerdict).findFirst().orElseThrow().verdict();
  }

  @Test
  void writesWhatTheTopicSerdeWritesAndItReadsItBack() {
    EncodedVerdict v = mismatch();
    assertThat(v.isMismatch()).isTrue();
    assertThat(v.verdict().getFindings()).isNotEmpty();
    Serde<Verdict> serde = catalog.verdicts().valueSerde();

    byte[] bytes = new EncodedVerdictSerializer(serde).serialize(TopicCatalog.VERDICTS, v);

    assertThat(bytes).isEqualTo(serde.serializer().serialize(TopicCatalog.VERDICTS, v.verdict()));
    assertThat(serde.deserializer().deserialize(TopicCatalog.VERDICTS, bytes))
        .isEqualTo(v.verdict());
    assertThat(new EncodedVerdictSerializer(serde).serialize(TopicCatalog.VERDICTS, v))
        .as("the body is read, not consumed")
        .isEqualTo(bytes);
  }

  @Test
  void aTopicWithAnotherSerdeGetsTheVerdictThroughIt() {
    EncodedVerdict v = mismatch();
    Serde<Verdict> other =
        org.apache.kafka.common.serialization.Serdes.serdeFrom(
            (topic, verdict) -> verdict.getWorkflow().getBytes(), (topic, bytes) -> null);
    assertThat(new EncodedVerdictSerializer(other).serialize("t", v))
        .isEqualTo("orders".getBytes());
  }
}
