package io.dualrun.alerting;

import io.dualrun.alerting.delivery.RetryPolicy;
import io.dualrun.alerting.delivery.Routes;
import io.dualrun.alerting.fold.AlertClock;
import io.dualrun.alerting.receiver.ReceiverConfig;
import io.dualrun.config.CommonSettings;
import io.dualrun.config.ConfigDef;
import io.dualrun.config.ConfigException;
import io.dualrun.config.ConfigKey;
import io.dualrun.config.ConfigMap;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * The alerting service's configuration (see docs/alerting.md for every key). Built and validated at
 * start; a bad key fails with a message naming the file and the key.
 *
 * @param applicationId Kafka Streams application id; also prefixes the internal topics
 * @param stateDir where the alert state store lives
 * @param httpPort port of the HTTP API (0 = any free port)
 * @param groupWait how long a change waits for more before it is announced
 * @param repeatInterval how often a firing alert is announced again
 * @param tick how often due announcements are looked for
 * @param clock which time group waits and repeats count in
 * @param idleFlush record clock: how long without a signal before waiting changes are announced
 * @param commitInterval transaction commit interval of the alert fold
 * @param sessionTimeout how long a silent instance keeps its fold tasks and delivery partitions
 */
public record AlertingConfig(
    CommonSettings common,
    String applicationId,
    Path stateDir,
    int httpPort,
    Duration groupWait,
    Duration repeatInterval,
    Duration tick,
    AlertClock clock,
    Duration idleFlush,
    Duration commitInterval,
    Duration sessionTimeout,
    RetryPolicy retry,
    String pairUrlTemplate,
    List<ReceiverConfig> receivers,
    Routes routes) {

  public AlertingConfig {
    receivers = List.copyOf(receivers);
  }

  /** Reads the file as alerting's whole configuration: a key nobody reads is refused. */
  public static AlertingConfig load(Path file) {
    ConfigMap c = ConfigMap.load(file);
    AlertingConfig config = from(c);
    c.checkNoUnknownKeys();
    return config;
  }

  public static final ConfigKey<String> APPLICATION_ID =
      ConfigKey.string(
          "alerting.application-id",
          "dualrun-alerting",
          "Kafka Streams application id; prefix of the internal topics");
  public static final ConfigKey<String> STATE_DIR =
      ConfigKey.string(
          "alerting.state-dir", "data/alerting", "state store directory, and the schema cache");
  public static final ConfigKey<Integer> HTTP_PORT =
      ConfigKey.port("alerting.http-port", 7073, "HTTP API port (0 = any free port)");
  public static final ConfigKey<Duration> GROUP_WAIT =
      ConfigKey.duration(
          "alerting.group-wait",
          Duration.ofSeconds(30),
          Duration.ZERO,
          "how long a change waits for more before it is announced");
  public static final ConfigKey<Duration> REPEAT_INTERVAL =
      ConfigKey.duration(
          "alerting.repeat-interval",
          Duration.ofHours(4),
          Duration.ofMillis(1),
          "re-announce a firing alert after this long without notice");
  public static final ConfigKey<Duration> TICK =
      ConfigKey.duration(
          "alerting.tick",
          Duration.ofSeconds(1),
          Duration.ofMillis(1),
          "how often due announcements are looked for");
  public static final ConfigKey<String> CLOCK =
      ConfigKey.string(
          "alerting.clock",
          "wall",
          "`wall`: group wait and repeat interval count in wall-clock time; `record`: in the"
              + " signals' own time (a verdict's decision time, a breach's observation time), for a"
              + " reconciler in replay mode: the same history gives the same notifications every"
              + " time, and a firing alert is never repeated");
  public static final ConfigKey<Duration> IDLE_FLUSH =
      ConfigKey.duration(
          "alerting.idle-flush",
          Duration.ofSeconds(5),
          Duration.ofMillis(1),
          "with `alerting.clock: record`: the changes still in their group wait are announced once"
              + " no signal arrived for this long (wall clock)");
  public static final ConfigKey<Duration> COMMIT_INTERVAL =
      ConfigKey.duration(
          "alerting.commit-interval",
          Duration.ofMillis(30),
          Duration.ofMillis(1),
          "transaction commit interval of the alert fold: a signal reaches the fold, and an"
              + " announcement the receivers, only at a commit (two hops); shorter is quicker and"
              + " costs the broker more transactions");
  public static final ConfigKey<Duration> SESSION_TIMEOUT =
      ConfigKey.duration(
          "alerting.session-timeout",
          Duration.ofSeconds(10),
          Duration.ofSeconds(6),
          "an instance that has not heartbeated for this long (killed, stalled) loses its share of"
              + " the alert fold and of delivery to the other instances of its application id"
              + " (heartbeats every third of it, from the Kafka clients' own threads); at least the"
              + " brokers' `group.min.session.timeout.ms` (6 s by default)");
  public static final ConfigKey<Duration> INITIAL_BACKOFF =
      ConfigKey.duration(
          "alerting.retry.initial-backoff",
          Duration.ofSeconds(1),
          Duration.ofMillis(1),
          "first retry wait, doubled per attempt");
  public static final ConfigKey<Duration> MAX_BACKOFF =
      ConfigKey.duration(
          "alerting.retry.max-backoff",
          Duration.ofMinutes(5),
          Duration.ofMillis(1),
          "longest retry wait (at least the initial backoff)");
  public static final ConfigKey<Duration> DEADLINE =
      ConfigKey.duration(
          "alerting.retry.deadline",
          Duration.ofHours(24),
          Duration.ofMillis(1),
          "give a version up this long after its first attempt");
  public static final ConfigKey<String> PAIR_URL_TEMPLATE =
      ConfigKey.string(
          "links.pair-url-template",
          null,
          "link to a pair, `{workflow}` and `{partition}` are replaced (URL-encoded); an http(s)"
              + " URL");
  public static final ConfigKey<List<?>> RECEIVERS =
      ConfigKey.list("receivers", "list of receivers, see below");
  public static final ConfigKey<Map<String, String>> ROUTES =
      ConfigKey.map(
          "routes",
          "`owner: [receiver, …]`; `default:` is required when receivers exist (may be `[]`) and"
              + " serves owners without a route and alerts without owner");

  /** Alerting's own keys, as docs/alerting.md lists them. */
  public static final ConfigDef KEYS =
      new ConfigDef(
          "alerting",
          List.of(
              APPLICATION_ID,
              STATE_DIR,
              HTTP_PORT,
              GROUP_WAIT,
              REPEAT_INTERVAL,
              TICK,
              CLOCK,
              IDLE_FLUSH,
              COMMIT_INTERVAL,
              SESSION_TIMEOUT,
              INITIAL_BACKOFF,
              MAX_BACKOFF,
              DEADLINE,
              PAIR_URL_TEMPLATE,
              RECEIVERS,
              ROUTES));

  /**
   * Reads and validates alerting's keys of {@code c}; a configuration shared with other services
   * (standalone) checks for unknown keys once all of them have read theirs.
   */
  public static AlertingConfig from(ConfigMap c) {
    CommonSettings common = CommonSettings.from(c);
    Duration initial = INITIAL_BACKOFF.from(c);
    Duration max = MAX_BACKOFF.from(c);
    if (max.compareTo(initial) < 0) {
      throw new ConfigException(
          c.source()
              + ": alerting.retry.max-backoff: must be at least alerting.retry.initial-backoff");
    }
    List<ReceiverConfig> receivers = ReceiverConfigs.parse(c);
    AlertClock clock = AlertClock.parse(CLOCK.from(c));
    if (clock == null) {
      throw new ConfigException(
          c.source() + ": alerting.clock: '" + CLOCK.from(c) + "' is not wall or record");
    }
    return new AlertingConfig(
        common,
        APPLICATION_ID.from(c),
        Path.of(STATE_DIR.from(c)),
        HTTP_PORT.from(c),
        GROUP_WAIT.from(c),
        REPEAT_INTERVAL.from(c),
        TICK.from(c),
        clock,
        IDLE_FLUSH.from(c),
        COMMIT_INTERVAL.from(c),
        SESSION_TIMEOUT.from(c),
        new RetryPolicy(initial, max, DEADLINE.from(c)),
        pairUrlTemplate(c),
        receivers,
        RouteConfig.parse(c, receivers));
  }

  private static String pairUrlTemplate(ConfigMap c) {
    String t = PAIR_URL_TEMPLATE.from(c);
    if (t != null && !(t.startsWith("http://") || t.startsWith("https://"))) {
      throw new ConfigException(
          c.source() + ": links.pair-url-template: '" + t + "' must be an http(s) URL");
    }
    return t;
  }

  /** A copy with other shared settings (e.g. resolved against the cluster). */
  public AlertingConfig withCommon(CommonSettings other) {
    return new AlertingConfig(
        other,
        applicationId,
        stateDir,
        httpPort,
        groupWait,
        repeatInterval,
        tick,
        clock,
        idleFlush,
        commitInterval,
        sessionTimeout,
        retry,
        pairUrlTemplate,
        receivers,
        routes);
  }

  public String alertsTopic() {
    return applicationId + ".alerts";
  }

  public String silencesTopic() {
    return applicationId + ".silences";
  }

  public String deliveriesTopic() {
    return applicationId + ".deliveries";
  }

  /** The consumer group that shares the alerts topic's partitions out for delivery. */
  public String deliveryGroup() {
    return applicationId + "-delivery";
  }
}
