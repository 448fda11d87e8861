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
 * @param topics partitions and replication of the catalog topics
 */
public record LocalPlatformConfig(
    Path dataDir,
    int kafkaPort,
    int controllerPort,
    int registryPort,
    Path registryHome,
    TopicSettings topics) {

  public LocalPlatformConfig {
    dataDir = dataDir == null ? null : dataDir.toAbsolutePath().normalize();
    Ports.validate("kafka.port", kafkaPort);
    Ports.validate("kafka.controller-port", controllerPort);
    Ports.validate("registry.port", registryPort);
    requireDistinct(kafkaPort, controllerPort, "kafka.port", "kafka.controller-port");
    requireDistinct(kafkaPort, registryPort, "kafka.port", "registry.port");
    requireDistinct(controllerPort, registryPort, "kafka.controller-port", "registry.port");
    topics = Objects.requireNonNullElse(topics, TopicSettings.SINGLE_NODE);
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
    return new LocalPlatformConfig(dataDir, kafka, controller, registry, registryHome, topics);
  }

  public LocalPlatformConfig withRegistryHome(Path home) {
    return new LocalPlatformConfig(dataDir, kafkaPort, controllerPort, registryPort, home, topics);
  }
}
