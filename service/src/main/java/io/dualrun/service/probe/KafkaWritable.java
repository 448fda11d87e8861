package io.dualrun.service.probe;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.TopicPartitionInfo;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;

/**
 * Whether a write with {@code acks=all} to every partition of the given topics can succeed now:
 * each partition has a leader and at least {@code min.insync.replicas} in-sync replicas. A cluster
 * that answers but has lost too many brokers is not ready. The answer is kept for a second so that
 * frequent probes do not load the cluster.
 */
public final class KafkaWritable implements ReadinessCheck {
  private static final long CACHE_NANOS = TimeUnit.SECONDS.toNanos(1);

  private final Map<String, Object> clientProperties;
  private final List<String> topics;
  private final Duration timeout;
  private Admin admin;
  private Result last;
  private long lastAt;

  public KafkaWritable(
      Map<String, Object> clientProperties, List<String> topics, Duration timeout) {
    this.clientProperties = Map.copyOf(clientProperties);
    this.topics = List.copyOf(topics);
    this.timeout = timeout;
  }

  @Override
  public String name() {
    return "kafka";
  }

  @Override
  public synchronized Result check() {
    long now = System.nanoTime();
    if (last != null && now - lastAt < CACHE_NANOS) {
      return last;
    }
    last = checkNow();
    lastAt = System.nanoTime();
    return last;
  }

  private Result checkNow() {
    try {
      Admin a = admin();
      Map<String, TopicDescription> described =
          a.describeTopics(topics).allTopicNames().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
      List<ConfigResource> resources = new ArrayList<>();
      topics.forEach(t -> resources.add(new ConfigResource(ConfigResource.Type.TOPIC, t)));
      Map<ConfigResource, Config> configs =
          a.describeConfigs(resources).all().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
      List<String> problems = new ArrayList<>();
      for (TopicDescription d : described.values()) {
        int minIsr = minIsr(configs.get(new ConfigResource(ConfigResource.Type.TOPIC, d.name())));
        for (TopicPartitionInfo p : d.partitions()) {
          if (p.leader() == null || p.leader().isEmpty()) {
            problems.add(d.name() + "-" + p.partition() + " has no leader");
          } else if (p.isr().size() < minIsr) {
            problems.add(
                d.name()
                    + "-"
                    + p.partition()
                    + " has "
                    + p.isr().size()
                    + " in-sync replicas, min.insync.replicas is "
                    + minIsr);
          }
        }
      }
      if (!problems.isEmpty()) {
        return Result.failed(
            "writes cannot succeed: "
                + String.join("; ", problems.subList(0, Math.min(3, problems.size())))
                + (problems.size() > 3 ? " (and " + (problems.size() - 3) + " more)" : ""));
      }
      return Result.ok(topics.size() + " topics writable");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return Result.failed("interrupted");
    } catch (Exception e) {
      return Result.failed("Kafka did not answer within " + timeout.toMillis() + " ms: " + root(e));
    }
  }

  private static int minIsr(Config config) {
    if (config == null || config.get(TopicConfig.MIN_IN_SYNC_REPLICAS_CONFIG) == null) {
      return 1;
    }
    return Integer.parseInt(config.get(TopicConfig.MIN_IN_SYNC_REPLICAS_CONFIG).value());
  }

  private Admin admin() {
    if (admin == null) {
      Map<String, Object> props = new java.util.HashMap<>(clientProperties);
      props.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) timeout.toMillis());
      props.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) timeout.toMillis());
      admin = Admin.create(props);
    }
    return admin;
  }

  private static String root(Throwable e) {
    Throwable t = e;
    while (t.getCause() != null && t.getCause() != t) {
      t = t.getCause();
    }
    return t.getClass().getSimpleName() + (t.getMessage() == null ? "" : ": " + t.getMessage());
  }

  @Override
  public synchronized void close() {
    if (admin != null) {
      admin.close(Duration.ofSeconds(2));
      admin = null;
    }
  }
}
