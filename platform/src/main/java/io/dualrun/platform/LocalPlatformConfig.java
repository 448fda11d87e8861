package io.dualrun.platform;

import io.dualrun.schemas.topic.TopicSettings;
import java.nio.file.Path;
import java.util.Objects;

/**
 * Configuration of {@link LocalPlatform}.
 *
 * @param dataDir everything under one directory ({@code kafka/}, {@code registry/}); null: a
 *     temporary directory deleted on close
 * @param kafkaPort Kafka client port (0: free)
 * @param controllerPort KRaft controller port (0: free)
 * @param registryPort schema registry HTTP port (0: free)
 * @param registryHome Apicurio distribution; null: {@link RegistryHome#locate()}
 * @param topics partitions and replication of the catalog topics (default: 6 partitions, replicated
 *     as the node count allows)
 * @param brokers Kafka nodes (1 to 9); with more than one, node i uses kafkaPort+i-1 and
 *     controllerPort+i-1 when those are given
 */
public record LocalPlatformConfig(
    Path dataDir,
    int kafkaPort,
    int controllerPort,
    int registryPort,
    Path registryHome,
    TopicSettings topics,
    int brokers) {

  public LocalPlatformConfig(
      Path dataDir,
      int kafkaPort,
      int controllerPort,
      int registryPort,
      Path registryHome,
      TopicSettings topics) {
    this(dataDir, kafkaPort, controllerPort, registryPort, registryHome, topics, 1);
  }

  public LocalPlatformConfig {
    if (brokers < 1 || brokers > 9) {
      throw new IllegalArgumentException("kafka brokers must be 1 to 9, was " + brokers);
    }
    dataDir = dataDir == null ? null : dataDir.toAbsolutePath().normalize();
    Ports.validate("kafka.port", kafkaPort);
    Ports.validate("kafka.controller-port", controllerPort);
    Ports.validate("registry.port", registryPort);
    requireDistinct(kafkaPort, controllerPort, "kafka.port", "kafka.controller-port");
    requireDistinct(kafkaPort, registryPort, "kafka.port", "registry.port");
    requireDistinct(controllerPort, registryPort, "kafka.controller-port", "registry.port");
    topics =
        Objects.requireNonNullElse(
            topics,
            new TopicSettings(
                TopicSettings.SINGLE_NODE.partitions(), (short) Math.min(3, brokers)));
  }

  private static void requireDistinct(int a, int b, String keyA, String keyB) {
    if (a != 0 && a == b) {
      throw new IllegalArgumentException(keyA + " and " + keyB + " must differ, both are " + a);
    }
  }

  /** Temporary data, free ports: what tests use. */
  public static LocalPlatformConfig ephemeral() {
    return new LocalPlatformConfig(null, 0, 0, 0, null, null);
  }

  /** Data kept in {@code dataDir}, free ports. */
  public static LocalPlatformConfig in(Path dataDir) {
    return new LocalPlatformConfig(dataDir, 0, 0, 0, null, null);
  }

  public LocalPlatformConfig withPorts(int kafka, int controller, int registry) {
    return new LocalPlatformConfig(
        dataDir, kafka, controller, registry, registryHome, topics, brokers);
  }

  public LocalPlatformConfig withRegistryHome(Path home) {
    return new LocalPlatformConfig(
        dataDir, kafkaPort, controllerPort, registryPort, home, topics, brokers);
  }

  /**
   * A cluster of {@code n} Kafka nodes; the catalog topics are then replicated as the node count
   * allows (3 replicas from 3 nodes on) unless topics were set.
   */
  public LocalPlatformConfig withBrokers(int n) {
    TopicSettings derived =
        topics.replicationFactor() == Math.min(3, brokers)
            ? new TopicSettings(topics.partitions(), (short) Math.min(3, n))
            : topics;
    return new LocalPlatformConfig(
        dataDir, kafkaPort, controllerPort, registryPort, registryHome, derived, n);
  }

  public LocalPlatformConfig withTopics(TopicSettings t) {
    return new LocalPlatformConfig(
        dataDir, kafkaPort, controllerPort, registryPort, registryHome, t, brokers);
  }
}
