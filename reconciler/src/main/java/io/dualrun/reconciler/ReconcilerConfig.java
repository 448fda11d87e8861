package io.dualrun.reconciler;

import io.dualrun.config.CommonSettings;
import io.dualrun.config.ConfigException;
import io.dualrun.config.ConfigMap;
import io.dualrun.reconciler.stream.Mode;
import java.nio.file.Path;
import java.time.Duration;
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

  /** Reads the {@code reconciler.*} keys of {@code c}; throws ConfigException naming a bad key. */
  public static ReconcilerConfig from(ConfigMap c, CommonSettings common) {
    String modeText = c.string("reconciler.mode", "live");
    Mode mode;
    try {
      mode = Mode.parse(modeText);
    } catch (IllegalArgumentException e) {
      throw new ConfigException(
          c.source() + ": reconciler.mode: '" + modeText + "' must be live or replay");
    }
    String applicationId = c.string("reconciler.application-id", DEFAULT_APPLICATION_ID);
    if (applicationId.isBlank() || !applicationId.matches("[A-Za-z0-9._-]+")) {
      throw new ConfigException(
          c.source()
              + ": reconciler.application-id: '"
              + applicationId
              + "' must be letters, digits, '.', '_' or '-'");
    }
    String host = c.string("reconciler.http.host", "127.0.0.1");
    return new ReconcilerConfig(
        common,
        applicationId,
        Path.of(
            c.string(
                "reconciler.state-dir",
                Path.of(System.getProperty("java.io.tmpdir"), "dualrun-reconciler").toString())),
        mode,
        host,
        c.port("reconciler.http.port", DEFAULT_HTTP_PORT),
        c.string("reconciler.http.advertised-host", host),
        c.integer("reconciler.threads", defaultThreads(common), 1, MAX_THREADS),
        positive(c, "reconciler.commit-interval", Duration.ofMillis(200)),
        positive(c, "reconciler.retention", Duration.ofDays(35)),
        positive(c, "reconciler.punctuate-interval", Duration.ofSeconds(1)),
        c.integer("reconciler.seen-ids", 64, 1, 10_000),
        c.integer("reconciler.decoded-pairs", 1024, 0, 1_000_000),
        c.duration("reconciler.sla-lookback", Duration.ZERO),
        c.integer("reconciler.input-partitions", 0, 0, 10_000),
        c.stringMap("reconciler.streams.properties"));
  }

  private static final int MAX_THREADS = 64;

  /**
   * One stream thread per processor, as many as there are input partitions at most (a thread
   * without a task would idle): judging pairs is CPU work, and a task's records are processed by
   * one thread only.
   */
  static int defaultThreads(CommonSettings common) {
    int processors = Runtime.getRuntime().availableProcessors();
    return Math.max(1, Math.min(MAX_THREADS, Math.min(processors, common.topics().partitions())));
  }

  private static Duration positive(ConfigMap c, String key, Duration fallback) {
    Duration d = c.duration(key, fallback);
    if (d.isZero() || d.isNegative()) {
      throw new ConfigException(c.source() + ": " + key + ": must be more than zero");
    }
    return d;
  }

  /** A copy with another HTTP port (e.g. the one actually bound). */
  public ReconcilerConfig withHttpPort(int port) {
    return copy(mode, port, inputPartitions);
  }

  /** A copy knowing the actual partition count of the input topics. */
  public ReconcilerConfig withInputPartitions(int partitions) {
    return copy(mode, httpPort, partitions);
  }

  /** A copy in another mode. */
  public ReconcilerConfig withMode(Mode other) {
    return copy(other, httpPort, inputPartitions);
  }

  private ReconcilerConfig copy(Mode mode, int httpPort, int inputPartitions) {
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
