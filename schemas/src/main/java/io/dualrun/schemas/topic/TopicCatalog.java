package io.dualrun.schemas.topic;

import io.dualrun.registry.SchemaRegistry;
import io.dualrun.schemas.avro.Cutover;
import io.dualrun.schemas.avro.DiffReport;
import io.dualrun.schemas.avro.DrillAnswer;
import io.dualrun.schemas.avro.DrillRequest;
import io.dualrun.schemas.avro.FreshnessBreach;
import io.dualrun.schemas.avro.Notification;
import io.dualrun.schemas.avro.OutputFingerprint;
import io.dualrun.schemas.avro.RunEvent;
import io.dualrun.schemas.avro.Verdict;
import io.dualrun.schemas.avro.Waiver;
import io.dualrun.schemas.serde.AvroSerde;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;

/**
 * The immutable catalog of dualrun topics (DESIGN §5). Keys of pair-scoped topics are the string
 * {@code workflow + "/" + partition}; values are Avro in the Confluent wire format, subject {@code
 * <topic>-value}. The DLQ keeps the unreadable record's raw key and value bytes, with the reason in
 * headers (see {@link DlqHeaders}).
 */
public final class TopicCatalog {
  public static final String RUN_EVENTS = "dualrun.run-events.v1";
  public static final String FINGERPRINTS = "dualrun.fingerprints.v1";
  public static final String VERDICTS = "dualrun.verdicts.v1";
  public static final String MISMATCHES = "dualrun.mismatches.v1";
  public static final String FRESHNESS = "dualrun.freshness.v1";
  public static final String NOTIFICATIONS = "dualrun.notifications.v1";
  public static final String DLQ = "dualrun.dlq.v1";
  public static final String WAIVERS = "dualrun.waivers.v1";
  public static final String CUTOVERS = "dualrun.cutovers.v1";
  public static final String DRILL_REQUESTS = "dualrun.drill-requests.v1";
  public static final String DRILL_ANSWERS = "dualrun.drill-answers.v1";
  public static final String DIFFS = "dualrun.diffs.v1";

  private static final long DAY_MS = Duration.ofDays(1).toMillis();

  private final Topic<String, RunEvent> runEvents;
  private final Topic<String, OutputFingerprint> fingerprints;
  private final Topic<String, Verdict> verdicts;
  private final Topic<String, Verdict> mismatches;
  private final Topic<String, FreshnessBreach> freshness;
  private final Topic<String, Notification> notifications;
  private final Topic<byte[], byte[]> dlq;
  private final Topic<String, Waiver> waivers;
  private final Topic<String, Cutover> cutovers;
  private final Topic<String, DrillRequest> drillRequests;
  private final Topic<String, DrillAnswer> drillAnswers;
  private final Topic<String, DiffReport> diffs;

  private TopicCatalog(SchemaRegistry registry, TopicSettings settings, boolean autoRegister) {
    runEvents = avro(RUN_EVENTS, registry, RunEvent.class, autoRegister, spec(settings, 30));
    fingerprints =
        avro(FINGERPRINTS, registry, OutputFingerprint.class, autoRegister, spec(settings, 30));
    verdicts = avro(VERDICTS, registry, Verdict.class, autoRegister, spec(settings, 365));
    mismatches = avro(MISMATCHES, registry, Verdict.class, autoRegister, spec(settings, 365));
    freshness = avro(FRESHNESS, registry, FreshnessBreach.class, autoRegister, spec(settings, 365));
    notifications =
        avro(NOTIFICATIONS, registry, Notification.class, autoRegister, spec(settings, 365));
    dlq = new Topic<>(DLQ, Serdes.ByteArray(), Serdes.ByteArray(), spec(settings, 30));
    waivers = avro(WAIVERS, registry, Waiver.class, autoRegister, compacted(settings));
    cutovers = avro(CUTOVERS, registry, Cutover.class, autoRegister, compacted(settings));
    drillRequests =
        avro(DRILL_REQUESTS, registry, DrillRequest.class, autoRegister, spec(settings, 7));
    drillAnswers =
        avro(DRILL_ANSWERS, registry, DrillAnswer.class, autoRegister, spec(settings, 7));
    diffs = avro(DIFFS, registry, DiffReport.class, autoRegister, spec(settings, 365));
  }

  /** The catalog with serdes bound to {@code registry}. */
  public static TopicCatalog create(
      SchemaRegistry registry, TopicSettings settings, boolean autoRegister) {
    return new TopicCatalog(registry, settings, autoRegister);
  }

  private static TopicSpec spec(TopicSettings settings, int retentionDays) {
    Map<String, String> configs =
        Map.of(
            "cleanup.policy",
            "delete",
            "retention.ms",
            Long.toString(retentionDays * DAY_MS),
            "min.insync.replicas",
            settings.replicationFactor() >= 3 ? "2" : "1");
    return new TopicSpec(settings.partitions(), settings.replicationFactor(), configs);
  }

  /** One partition, compacted: the latest of each key is kept for ever, a null value deletes. */
  private static TopicSpec compacted(TopicSettings settings) {
    Map<String, String> configs =
        Map.of(
            "cleanup.policy",
            "compact",
            "min.insync.replicas",
            settings.replicationFactor() >= 3 ? "2" : "1");
    return new TopicSpec(1, settings.replicationFactor(), configs);
  }

  private static <V extends SpecificRecord> Topic<String, V> avro(
      String name, SchemaRegistry registry, Class<V> type, boolean autoRegister, TopicSpec spec) {
    Serde<V> values = new AvroSerde<>(registry, type, false, autoRegister);
    return new Topic<>(name, Serdes.String(), values, spec);
  }

  public Topic<String, RunEvent> runEvents() {
    return runEvents;
  }

  public Topic<String, OutputFingerprint> fingerprints() {
    return fingerprints;
  }

  public Topic<String, Verdict> verdicts() {
    return verdicts;
  }

  public Topic<String, Verdict> mismatches() {
    return mismatches;
  }

  public Topic<String, FreshnessBreach> freshness() {
    return freshness;
  }

  public Topic<String, Notification> notifications() {
    return notifications;
  }

  public Topic<byte[], byte[]> dlq() {
    return dlq;
  }

  /** Accepted differences, by waiver id (compacted). */
  public Topic<String, Waiver> waivers() {
    return waivers;
  }

  /** Workflows whose candidate is primary, by workflow id (compacted). */
  public Topic<String, Cutover> cutovers() {
    return cutovers;
  }

  /** Questions to side agents, by agent name (docs/diff.md, Side agents). */
  public Topic<String, DrillRequest> drillRequests() {
    return drillRequests;
  }

  /** Side agents' answers, by drill-down id. */
  public Topic<String, DrillAnswer> drillAnswers() {
    return drillAnswers;
  }

  /** Automatic drill-downs' results, by {@code workflow/partition}. */
  public Topic<String, DiffReport> diffs() {
    return diffs;
  }

  /**
   * Every topic, in DESIGN §5 order, then the waivers and the cutovers, then the drill-down's
   * requests, answers and results.
   */
  public List<Topic<?, ?>> all() {
    return List.of(
        runEvents,
        fingerprints,
        verdicts,
        mismatches,
        freshness,
        notifications,
        dlq,
        waivers,
        cutovers,
        drillRequests,
        drillAnswers,
        diffs);
  }
}
