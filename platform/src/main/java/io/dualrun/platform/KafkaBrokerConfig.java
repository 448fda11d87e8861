package io.dualrun.platform;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;

/**
 * Configuration of one KRaft Kafka node (combined broker and controller): alone, or one of the
 * nodes of a {@link KafkaCluster}.
 *
 * @param dataDir where the broker keeps its log segments, metadata, config and output; kept across
 *     restarts
 * @param port client listener port on 127.0.0.1 (0: a free port)
 * @param controllerPort KRaft controller listener port on 127.0.0.1 (0: a free port)
 * @param heap child JVM heap, e.g. {@code 512m}
 * @param startTimeout how long {@link KafkaBroker#start()} waits for the broker to answer
 * @param autoCreateTopics whether producers may create topics implicitly (off: topics are created
 *     with their specs, see TopicInitializer)
 * @param quorum this node's place in a cluster; null for a single node
 */
public record KafkaBrokerConfig(
    Path dataDir,
    int port,
    int controllerPort,
    String heap,
    Duration startTimeout,
    boolean autoCreateTopics,
    Quorum quorum) {

  /**
   * A node's place in a cluster of {@code size} nodes, every one a controller voter.
   *
   * @param nodeId this node's id (1…size)
   * @param voters {@code controller.quorum.voters}: {@code id@host:controllerPort,…}
   * @param clusterId the id every node's storage is formatted with
   * @param size how many nodes (replication of the internal topics follows it)
   */
  public record Quorum(int nodeId, String voters, String clusterId, int size) {
    public Quorum {
      if (nodeId < 1 || nodeId > size) {
        throw new IllegalArgumentException("node id " + nodeId + " is not in 1.." + size);
      }
      Objects.requireNonNull(voters, "voters");
      Objects.requireNonNull(clusterId, "clusterId");
    }
  }

  public static final String DEFAULT_HEAP = "512m";
  public static final Duration DEFAULT_START_TIMEOUT = Duration.ofSeconds(90);

  public KafkaBrokerConfig(
      Path dataDir,
      int port,
      int controllerPort,
      String heap,
      Duration startTimeout,
      boolean autoCreateTopics) {
    this(dataDir, port, controllerPort, heap, startTimeout, autoCreateTopics, null);
  }

  public KafkaBrokerConfig {
    Objects.requireNonNull(dataDir, "kafka.data-dir must be set");
    dataDir = dataDir.toAbsolutePath().normalize();
    Ports.validate("kafka.port", port);
    Ports.validate("kafka.controller-port", controllerPort);
    if (port != 0 && port == controllerPort) {
      throw new IllegalArgumentException(
          "kafka.port and kafka.controller-port must differ, both are " + port);
    }
    heap = Heap.validate("kafka.heap", heap == null ? DEFAULT_HEAP : heap);
    startTimeout = startTimeout == null ? DEFAULT_START_TIMEOUT : startTimeout;
    if (startTimeout.isNegative() || startTimeout.isZero()) {
      throw new IllegalArgumentException(
          "kafka.start-timeout must be positive, was " + startTimeout);
    }
  }

  /** Free ports, default heap and timeout. */
  public static KafkaBrokerConfig of(Path dataDir) {
    return new KafkaBrokerConfig(dataDir, 0, 0, null, null, false);
  }

  public KafkaBrokerConfig withPorts(int port, int controllerPort) {
    return new KafkaBrokerConfig(
        dataDir, port, controllerPort, heap, startTimeout, autoCreateTopics, quorum);
  }

  public KafkaBrokerConfig withQuorum(Quorum q) {
    return new KafkaBrokerConfig(
        dataDir, port, controllerPort, heap, startTimeout, autoCreateTopics, q);
  }

  /** This node's id: 1 when alone. */
  public int nodeId() {
    return quorum == null ? 1 : quorum.nodeId();
  }

  /** Nodes in the cluster: 1 when alone. */
  public int clusterSize() {
    return quorum == null ? 1 : quorum.size();
  }

  public KafkaBrokerConfig withAutoCreateTopics(boolean enabled) {
    return new KafkaBrokerConfig(
        dataDir, port, controllerPort, heap, startTimeout, enabled, quorum);
  }
}
