package io.dualrun.ingest.sink;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.common.Node;
import org.apache.kafka.common.config.ConfigResource;

/**
 * How long a request may wait for Kafka, when {@code ingest.write-timeout} is not set: long enough
 * to ride out a partition leader's failover. When a broker dies, the controller fences it only
 * after {@code broker.session.timeout.ms} (Kafka's default 9 s) and then elects new leaders; the
 * producer finds them on its next metadata refresh and retries. Twice the session timeout covers
 * the fencing and a retry round, and 10 s more the election, the refresh and the write itself: 28 s
 * against Kafka's defaults.
 */
public final class WriteTimeout {
  /** Kafka's default {@code broker.session.timeout.ms}. */
  public static final Duration KAFKA_DEFAULT_SESSION = Duration.ofSeconds(9);

  private static final String SESSION_KEY = "broker.session.timeout.ms";

  private WriteTimeout() {}

  /** The write timeout for a cluster whose brokers are fenced after {@code session}. */
  public static Duration forSession(Duration session) {
    return session.multipliedBy(2).plusSeconds(10);
  }

  /**
   * The write timeout for the cluster {@code admin} talks to: from its brokers' session timeout, or
   * from Kafka's default when that cannot be read (e.g. no right to describe configs).
   */
  public static Duration of(Admin admin, Duration timeout) {
    return forSession(sessionOf(admin, timeout).orElse(KAFKA_DEFAULT_SESSION));
  }

  /** The cluster's {@code broker.session.timeout.ms}, as a broker reports it, if it can be read. */
  public static Optional<Duration> sessionOf(Admin admin, Duration timeout) {
    try {
      List<Node> nodes =
          List.copyOf(
              admin.describeCluster().nodes().get(timeout.toMillis(), TimeUnit.MILLISECONDS));
      if (nodes.isEmpty()) {
        return Optional.empty();
      }
      ConfigResource broker =
          new ConfigResource(ConfigResource.Type.BROKER, Integer.toString(nodes.get(0).id()));
      Config config =
          admin
              .describeConfigs(List.of(broker))
              .all()
              .get(timeout.toMillis(), TimeUnit.MILLISECONDS)
              .get(broker);
      ConfigEntry entry = config == null ? null : config.get(SESSION_KEY);
      if (entry == null || entry.value() == null) {
        return Optional.empty();
      }
      return Optional.of(Duration.ofMillis(Long.parseLong(entry.value())));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return Optional.empty();
    } catch (Exception e) {
      return Optional.empty();
    }
  }
}
