package io.dualrun.alerting;

import io.dualrun.alerting.delivery.RetryPolicy;
import io.dualrun.alerting.delivery.Routes;
import io.dualrun.alerting.receiver.ReceiverConfig;
import io.dualrun.config.CommonSettings;
import io.dualrun.config.ConfigException;
import io.dualrun.config.ConfigMap;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

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
 */
public record AlertingConfig(
    CommonSettings common,
    String applicationId,
    Path stateDir,
    int httpPort,
    Duration groupWait,
    Duration repeatInterval,
    Duration tick,
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

  /**
   * Reads and validates alerting's keys of {@code c}; a configuration shared with other services
   * (standalone) checks for unknown keys once all of them have read theirs.
   */
  public static AlertingConfig from(ConfigMap c) {
    CommonSettings common = CommonSettings.from(c);
    Duration initial = positive(c, "alerting.retry.initial-backoff", Duration.ofSeconds(1));
    Duration max = positive(c, "alerting.retry.max-backoff", Duration.ofMinutes(5));
    if (max.compareTo(initial) < 0) {
      throw new ConfigException(
          c.source()
              + ": alerting.retry.max-backoff: must be at least alerting.retry.initial-backoff");
    }
    List<ReceiverConfig> receivers = ReceiverConfigs.parse(c);
    AlertingConfig config =
        new AlertingConfig(
            common,
            c.string("alerting.application-id", "dualrun-alerting"),
            Path.of(c.string("alerting.state-dir", "data/alerting")),
            c.port("alerting.http-port", 7073),
            c.duration("alerting.group-wait", Duration.ofSeconds(30)),
            positive(c, "alerting.repeat-interval", Duration.ofHours(4)),
            positive(c, "alerting.tick", Duration.ofSeconds(1)),
            new RetryPolicy(
                initial, max, positive(c, "alerting.retry.deadline", Duration.ofHours(24))),
            pairUrlTemplate(c),
            receivers,
            RouteConfig.parse(c, receivers));
    return config;
  }

  private static Duration positive(ConfigMap c, String key, Duration fallback) {
    Duration d = c.duration(key, fallback);
    if (d.isZero() || d.isNegative()) {
      throw new ConfigException(c.source() + ": " + key + ": must be positive");
    }
    return d;
  }

  private static String pairUrlTemplate(ConfigMap c) {
    String t = c.string("links.pair-url-template", null);
    if (t != null && !(t.startsWith("http://") || t.startsWith("https://"))) {
      throw new ConfigException(
          c.source() + ": links.pair-url-template: '" + t + "' must be an http(s) URL");
    }
    return t;
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
}
