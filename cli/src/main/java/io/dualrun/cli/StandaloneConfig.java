package io.dualrun.cli;

import io.dualrun.platform.Ports;
import io.dualrun.schemas.topic.TopicSettings;
import java.nio.file.Path;
import java.util.Objects;

/**
 * Configuration of standalone mode: every part on one machine, data under one directory.
 *
 * @param dataDir where broker and registry keep their data (reused by the next start)
 * @param kafkaPort Kafka client port on 127.0.0.1 (0: free)
 * @param controllerPort KRaft controller port on 127.0.0.1 (0: free)
 * @param registryPort schema registry port on 127.0.0.1 (0: free)
 * @param httpHost address the HTTP API binds to
 * @param httpPort HTTP API port (0: free)
 * @param topics partitions and replication of the dualrun topics
 * @param brokers Kafka nodes (1 to 9); node i listens on kafkaPort+i-1 and controllerPort+i-1
 */
public record StandaloneConfig(
    Path dataDir,
    int kafkaPort,
    int controllerPort,
    int registryPort,
    String httpHost,
    int httpPort,
    TopicSettings topics,
    int brokers) {

  public static final int DEFAULT_KAFKA_PORT = 9092;
  public static final int DEFAULT_REGISTRY_PORT = 8081;
  public static final int DEFAULT_HTTP_PORT = 7070;

  public StandaloneConfig(
      Path dataDir,
      int kafkaPort,
      int controllerPort,
      int registryPort,
      String httpHost,
      int httpPort) {
    this(
        dataDir,
        kafkaPort,
        controllerPort,
        registryPort,
        httpHost,
        httpPort,
        TopicSettings.SINGLE_NODE,
        1);
  }

  public StandaloneConfig {
    if (brokers < 1 || brokers > 9) {
      throw new IllegalArgumentException("brokers must be 1 to 9, was " + brokers);
    }
    Objects.requireNonNull(dataDir, "data-dir must be set");
    Objects.requireNonNull(topics, "topics");
    dataDir = dataDir.toAbsolutePath().normalize();
    Ports.validate("kafka-port", kafkaPort);
    Ports.validate("controller-port", controllerPort);
    Ports.validate("registry-port", registryPort);
    Ports.validate("http-port", httpPort);
    if (httpHost == null || httpHost.isBlank()) {
      throw new IllegalArgumentException("http-host must not be empty");
    }
    int[] ports = {kafkaPort, controllerPort, registryPort, httpPort};
    String[] keys = {"kafka-port", "controller-port", "registry-port", "http-port"};
    for (int i = 0; i < ports.length; i++) {
      for (int j = i + 1; j < ports.length; j++) {
        if (ports[i] != 0 && ports[i] == ports[j]) {
          throw new IllegalArgumentException(
              keys[i] + " and " + keys[j] + " must differ, both are " + ports[i]);
        }
      }
    }
  }

  /** The same with other topic settings. */
  public StandaloneConfig withTopics(TopicSettings settings) {
    return new StandaloneConfig(
        dataDir, kafkaPort, controllerPort, registryPort, httpHost, httpPort, settings, brokers);
  }

  /**
   * The same with {@code n} Kafka nodes; the dualrun topics are then replicated three times from
   * three nodes on (min.insync.replicas 2).
   */
  public StandaloneConfig withBrokers(int n) {
    return new StandaloneConfig(
        dataDir,
        kafkaPort,
        controllerPort,
        registryPort,
        httpHost,
        httpPort,
        new TopicSettings(topics.partitions(), (short) Math.min(3, n)),
        n);
  }

  /** The same with a fixed HTTP port (a free one picked before anything starts). */
  public StandaloneConfig withHttpPort(int port) {
    return new StandaloneConfig(
        dataDir, kafkaPort, controllerPort, registryPort, httpHost, port, topics, brokers);
  }

  /** Free ports everywhere (tests). */
  public static StandaloneConfig onFreePorts(Path dataDir) {
    return new StandaloneConfig(dataDir, 0, 0, 0, Ports.LOOPBACK, 0);
  }
}
