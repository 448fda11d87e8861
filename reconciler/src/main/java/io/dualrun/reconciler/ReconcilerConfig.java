package io.dualrun.reconciler;

import io.dualrun.config.CommonSettings;
import io.dualrun.config.ConfigDef;
import io.dualrun.config.ConfigException;
import io.dualrun.config.ConfigKey;
import io.dualrun.config.ConfigMap;
import io.dualrun.reconciler.engine.Mode;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The reconciler's configuration: one record built from the service's YAML ({@link ConfigMap}) plus
 * the shared {@link CommonSettings}. Keys are documented in {@code docs/reconciler.md}.
 *
 * @param common shared Kafka/registry/topic/inventory settings
 * @param applicationId Kafka Streams application id, shared by every instance
 * @param stateDir where RocksDB state lives
 * @param mode live (wall clock) or replay (event time)
 * @param httpHost interface the REST server binds to
 * @param httpPort REST port (0 picks a free port)
 * @param advertisedHost host other instances use to reach this one
 * @param threads stream threads (default: the processors, at most the input partitions)
 * @param commitInterval transaction commit interval
 * @param retention how long a pair is kept after its last activity
 * @param punctuateInterval live mode: how often deadlines and schedules are checked (replay mode
 *     checks them before each record)
 * @param seenIds how many recent event ids per pair are remembered for duplicate detection
 * @param decodedPairs how many recently used pairs each task keeps decoded in memory
 * @param slaLookback how far before start-up expected partitions are checked for SLA_MISSED
 * @param inputPartitions partitions of the input topics, for spreading expected pairs over tasks
 *     (0: a single task sees every key, as in a test driver)
 * @param streamsProperties extra Kafka Streams properties
 */
public record ReconcilerConfig(
    CommonSettings common,
    String applicationId,
    Path stateDir,
    Mode mode,
    String httpHost,
    int httpPort,
    String advertisedHost,
    int threads,
    Duration commitInterval,
    Duration retention,
    Duration punctuateInterval,
    int seenIds,
    int decodedPairs,
    Duration slaLookback,
    int inputPartitions,
    Map<String, String> streamsProperties) {

  public static final String DEFAULT_APPLICATION_ID = "dualrun-reconciler";
  public static final int DEFAULT_HTTP_PORT = 8082;

  public ReconcilerConfig {
    Objects.requireNonNull(common, "common");
    Objects.requireNonNull(applicationId, "applicationId");
    Objects.requireNonNull(stateDir, "stateDir");
    Objects.requireNonNull(mode, "mode");
    streamsProperties = Map.copyOf(streamsProperties);
  }

  /** Defaults everywhere, on top of {@code common}. */
  public static ReconcilerConfig defaults(CommonSettings common) {
    return from(ConfigMap.empty(), common);
  }

  private static final int MAX_THREADS = 64;

  public static final ConfigKey<String> APPLICATION_ID =
      ConfigKey.string(
          "reconciler.application-id",
          DEFAULT_APPLICATION_ID,
          "Kafka Streams application id; instances sharing it share the work");
  public static final ConfigKey<String> STATE_DIR =
      ConfigKey.string("reconciler.state-dir", null, "RocksDB state, and the schema cache")
          .defaultShownAs("`<tmp>/dualrun-reconciler`");
  public static final ConfigKey<String> MODE =
      ConfigKey.string("reconciler.mode", "live", "`live` (wall clock) or `replay` (event time)");
  public static final ConfigKey<String> HTTP_HOST =
      ConfigKey.string("reconciler.http.host", "127.0.0.1", "REST bind address");
  public static final ConfigKey<Integer> HTTP_PORT =
      ConfigKey.port("reconciler.http.port", DEFAULT_HTTP_PORT, "REST port (0: any free port)");
  public static final ConfigKey<String> ADVERTISED_HOST =
      ConfigKey.string(
              "reconciler.http.advertised-host",
              null,
              "how other instances reach this one (`application.server`)")
          .defaultShownAs("http.host");
  public static final ConfigKey<Integer> THREADS =
      ConfigKey.integer(
              "reconciler.threads",
              1,
              1,
              MAX_THREADS,
              "stream threads (a task's records are processed by one thread: more threads than"
                  + " input partitions would idle)")
          .defaultShownAs("processors, at most `topics.partitions`");
  public static final ConfigKey<Duration> COMMIT_INTERVAL =
      ConfigKey.duration(
              "reconciler.commit-interval",
              Duration.ofMillis(200),
              Duration.ofMillis(1),
              "transaction commit interval: a verdict is visible at a commit; live mode commits"
                  + " often for quick alerts, replay seldom for throughput")
          .defaultShownAs("`30ms` live, `200ms` replay");

  /** Live mode's commit interval when none is set: verdicts reach alerting quickly. */
  static final Duration LIVE_COMMIT_INTERVAL = Duration.ofMillis(30);

  public static final ConfigKey<Duration> RETENTION =
      ConfigKey.duration(
          "reconciler.retention",
          Duration.ofDays(35),
          Duration.ofMillis(1),
          "pairs are dropped this long after their last change");
  public static final ConfigKey<Duration> PUNCTUATE_INTERVAL =
      ConfigKey.duration(
          "reconciler.punctuate-interval",
          Duration.ofSeconds(1),
          Duration.ofMillis(1),
          "live mode: how often deadlines and schedules are checked (replay checks them before"
              + " each record)");
  public static final ConfigKey<Integer> DECODED_PAIRS =
      ConfigKey.integer(
          "reconciler.decoded-pairs",
          1024,
          0,
          1_000_000,
          "recently used pairs each task (input partition) keeps decoded in memory, a few KiB"
              + " each, written to RocksDB and the changelog once per commit; `0` decodes every"
              + " pair from RocksDB and writes every change at once");
  public static final ConfigKey<Integer> SEEN_IDS =
      ConfigKey.integer(
          "reconciler.seen-ids",
          64,
          1,
          10_000,
          "ids of records that changed nothing, remembered per pair for duplicate detection");
  public static final ConfigKey<Duration> SLA_LOOKBACK =
      ConfigKey.duration(
          "reconciler.sla-lookback",
          Duration.ZERO,
          Duration.ZERO,
          "on first start, scheduled deadlines this far in the past are checked too");
  public static final ConfigKey<Integer> INPUT_PARTITIONS =
      ConfigKey.integer(
          "reconciler.input-partitions",
          0,
          0,
          10_000,
          "set by the service from the topic's real partition count");
  public static final ConfigKey<Map<String, String>> STREAMS_PROPERTIES =
      ConfigKey.map(
          "reconciler.streams.properties",
          "extra Kafka Streams properties (map), applied last; the reconciler's own defaults here"
              + " are the producer's `compression.type: lz4` and `batch.size: 262144` (a commit"
              + " writes each changed pair, about 1.3 KB of Avro, to the changelog: compressed"
              + " batches are an eighth of the bytes and a twentieth of the produce requests),"
              + " `num.standby.replicas: 1` (a warm copy of every task on another instance, when"
              + " there is one: it takes over without restoring and answers REST while the active"
              + " instance is dead), `consumer.session.timeout.ms: 10000` and"
              + " `consumer.heartbeat.interval.ms: 3333` (a dead instance's tasks move after 10 s, not"
              + " Kafka's 45 s), `topic.min.insync.replicas` 2 when"
              + " `topics.replication-factor` ≥ 3 (else 1) for the changelog and repartition"
              + " topics, and, in replay mode, `max.task.idle.ms: 2000`");

  /** The {@code reconciler.*} keys, as docs/reconciler.md lists them. */
  public static final ConfigDef KEYS =
      new ConfigDef(
          "reconciler",
          List.of(
              APPLICATION_ID,
              STATE_DIR,
              MODE,
              HTTP_HOST,
              HTTP_PORT,
              ADVERTISED_HOST,
              THREADS,
              COMMIT_INTERVAL,
              RETENTION,
              PUNCTUATE_INTERVAL,
              DECODED_PAIRS,
              SEEN_IDS,
              SLA_LOOKBACK,
              INPUT_PARTITIONS,
              STREAMS_PROPERTIES));

  /** Reads the {@code reconciler.*} keys of {@code c}; throws ConfigException naming a bad key. */
  public static ReconcilerConfig from(ConfigMap c, CommonSettings common) {
    String modeText = MODE.from(c);
    Mode mode;
    try {
      mode = Mode.parse(modeText);
    } catch (IllegalArgumentException e) {
      throw new ConfigException(
          c.source() + ": reconciler.mode: '" + modeText + "' must be live or replay");
    }
    String applicationId = APPLICATION_ID.from(c);
    if (applicationId.isBlank() || !applicationId.matches("[A-Za-z0-9._-]+")) {
      throw new ConfigException(
          c.source()
              + ": reconciler.application-id: '"
              + applicationId
              + "' must be letters, digits, '.', '_' or '-'");
    }
    String host = HTTP_HOST.from(c);
    return new ReconcilerConfig(
        common,
        applicationId,
        Path.of(
            STATE_DIR.from(
                c, Path.of(System.getProperty("java.io.tmpdir"), "dualrun-reconciler").toString())),
        mode,
        host,
        HTTP_PORT.from(c),
        ADVERTISED_HOST.from(c, host),
        THREADS.from(c, defaultThreads(common)),
        COMMIT_INTERVAL.from(c, mode == Mode.LIVE ? LIVE_COMMIT_INTERVAL : Duration.ofMillis(200)),
        RETENTION.from(c),
        PUNCTUATE_INTERVAL.from(c),
        SEEN_IDS.from(c),
        DECODED_PAIRS.from(c),
        SLA_LOOKBACK.from(c),
        INPUT_PARTITIONS.from(c),
        STREAMS_PROPERTIES.from(c));
  }

  /**
   * One stream thread per processor, as many as there are input partitions at most (a thread
   * without a task would idle): judging pairs is CPU work, and a task's records are processed by
   * one thread only.
   */
  static int defaultThreads(CommonSettings common) {
    int processors = Runtime.getRuntime().availableProcessors();
    return Math.max(1, Math.min(MAX_THREADS, Math.min(processors, common.topics().partitions())));
  }

  /** A copy with another HTTP port (e.g. the one actually bound). */
  public ReconcilerConfig withHttpPort(int port) {
    return copy(common, mode, port, inputPartitions);
  }

  /** A copy with other shared settings (e.g. resolved against the cluster). */
  public ReconcilerConfig withCommon(CommonSettings other) {
    return copy(other, mode, httpPort, inputPartitions);
  }

  /** A copy knowing the actual partition count of the input topics. */
  public ReconcilerConfig withInputPartitions(int partitions) {
    return copy(common, mode, httpPort, partitions);
  }

  /** A copy in another mode. */
  public ReconcilerConfig withMode(Mode other) {
    return copy(common, other, httpPort, inputPartitions);
  }

  private ReconcilerConfig copy(
      CommonSettings common, Mode mode, int httpPort, int inputPartitions) {
    return new ReconcilerConfig(
        common,
        applicationId,
        stateDir,
        mode,
        httpHost,
        httpPort,
        advertisedHost,
        threads,
        commitInterval,
        retention,
        punctuateInterval,
        seenIds,
        decodedPairs,
        slaLookback,
        inputPartitions,
        streamsProperties);
  }
}
