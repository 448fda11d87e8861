package io.dualrun.alerting.fold;

import io.dualrun.alerting.model.AlertEvent;
import io.dualrun.alerting.model.AlertState;
import io.dualrun.alerting.model.JsonSerde;
import io.dualrun.alerting.model.Signal;
import io.dualrun.schemas.avro.DiffStatus;
import io.dualrun.schemas.avro.Outcome;
import io.dualrun.schemas.topic.TopicCatalog;
import java.time.Duration;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.kstream.Repartitioned;
import org.apache.kafka.streams.state.Stores;

/**
 * The alert fold: MISMATCH verdicts (dualrun.mismatches.v1), MATCH revisions (dualrun.verdicts.v1)
 * and freshness breaches (dualrun.freshness.v1) become signals, are repartitioned by workflow, are
 * folded into persistent alert states, and due emissions go to the compacted alerts topic. Every
 * node, store and internal topic is named; {@code AlertTopologyDescriptionTest} holds the shape.
 */
public final class AlertTopology {
  /** Name of the repartition by workflow (topic {@code <application id>-<name>-repartition}). */
  public static final String SIGNALS_REPARTITION = "signals-by-workflow";

  private AlertTopology() {}

  /** The fold on the wall clock. */
  public static Topology build(
      TopicCatalog catalog,
      String alertsTopic,
      Duration groupWait,
      Duration repeatInterval,
      Duration tick) {
    return build(catalog, alertsTopic, groupWait, repeatInterval, tick, AlertClock.WALL, tick);
  }

  /**
   * The fold on {@code clock}. With the record clock a firing alert is never repeated (a replay
   * announces changes) and the changes still waiting are announced once no signal arrived for
   * {@code idleFlush}.
   */
  public static Topology build(
      TopicCatalog catalog,
      String alertsTopic,
      Duration groupWait,
      Duration repeatInterval,
      Duration tick,
      AlertClock clock,
      Duration idleFlush) {
    StreamsBuilder builder = new StreamsBuilder();
    builder.addStateStore(
        Stores.keyValueStoreBuilder(
            Stores.persistentKeyValueStore(AlertProcessor.ALERTS_STORE),
            Serdes.String(),
            new JsonSerde<>(AlertState.class)));
    builder.addStateStore(
        Stores.keyValueStoreBuilder(
            Stores.persistentKeyValueStore(AlertProcessor.PAIRS_STORE),
            Serdes.String(),
            Serdes.Integer()));

    KStream<String, Signal> mismatches =
        builder.stream(
                catalog.mismatches().name(),
                Consumed.with(Serdes.String(), catalog.mismatches().valueSerde())
                    .withName("mismatches"))
            .filter(
                (k, v) -> v != null && v.getOutcome() == Outcome.MISMATCH,
                Named.as("mismatches-only"))
            .mapValues(SignalMapper::fromVerdict, Named.as("mismatch-signals"));
    KStream<String, Signal> matches =
        builder.stream(
                catalog.verdicts().name(),
                Consumed.with(Serdes.String(), catalog.verdicts().valueSerde())
                    .withName("verdicts"))
            // a MATCH_WITH_WAIVER resolves like a MATCH: every difference is accepted
            .filter(
                (k, v) -> v != null && v.getOutcome() != Outcome.MISMATCH, Named.as("matches-only"))
            .mapValues(SignalMapper::fromVerdict, Named.as("match-signals"));
    KStream<String, Signal> breaches =
        builder.stream(
                catalog.freshness().name(),
                Consumed.with(Serdes.String(), catalog.freshness().valueSerde())
                    .withName("freshness"))
            .filter((k, v) -> v != null, Named.as("breaches-only"))
            .mapValues(SignalMapper::fromBreach, Named.as("breach-signals"));

    KStream<String, Signal> diffs =
        builder.stream(
                catalog.diffs().name(),
                Consumed.with(Serdes.String(), catalog.diffs().valueSerde()).withName("diffs"))
            .filter(
                (k, v) -> v != null && v.getStatus() != DiffStatus.PENDING, Named.as("diffs-ended"))
            .mapValues(SignalMapper::fromDiff, Named.as("diff-signals"));

    Decider decider = new Decider(groupWait, clock == AlertClock.RECORD ? null : repeatInterval);
    mismatches
        .merge(matches, Named.as("merge-verdict-signals"))
        .merge(breaches, Named.as("merge-breach-signals"))
        .merge(diffs, Named.as("merge-diff-signals"))
        .selectKey((k, s) -> s.workflow(), Named.as("key-by-workflow"))
        .repartition(
            Repartitioned.with(Serdes.String(), new JsonSerde<>(Signal.class))
                .withName(SIGNALS_REPARTITION))
        .process(
            () -> new AlertProcessor(decider, tick, clock, idleFlush),
            Named.as("fold"),
            AlertProcessor.ALERTS_STORE,
            AlertProcessor.PAIRS_STORE)
        .to(
            alertsTopic,
            Produced.with(Serdes.String(), new JsonSerde<>(AlertEvent.class))
                .withName("alerts-sink"));
    return builder.build();
  }
}
