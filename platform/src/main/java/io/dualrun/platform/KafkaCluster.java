package io.dualrun.platform;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.Node;
import org.apache.kafka.common.Uuid;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A KRaft Kafka cluster of N nodes on this machine, each a combined broker and controller in a
 * child JVM, every one a voter of the controller quorum: with 3 nodes any one can be killed (the
 * active controller included) and the other two go on. Replication of the internal topics follows
 * the node count (3 replicas and min.insync.replicas 2 from 3 nodes on; 1 and 1 on a single node).
 * Ports are picked at the first start and kept across restarts of a node or of the cluster. One
 * node keeps its data in {@code DIR} itself, as a single broker always did; N nodes in {@code
 * DIR/node-<id>}.
 */
public final class KafkaCluster implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(KafkaCluster.class);

  private final List<KafkaBroker> nodes;

  private KafkaCluster(List<KafkaBroker> nodes) {
    this.nodes = List.copyOf(nodes);
  }

  /**
   * The nodes of a cluster of {@code size} under {@code dataDir}, not started.
   *
   * @param firstPort client port of node 1 (0: free ports for every node); node i gets
   *     firstPort+i-1
   * @param firstControllerPort controller port of node 1 (0: free ports), likewise
   */
  public static KafkaCluster of(Path dataDir, int size, int firstPort, int firstControllerPort) {
    if (size < 1 || size > 9) {
      throw new IllegalArgumentException("kafka brokers must be 1 to 9, was " + size);
    }
    if (size == 1) {
      return new KafkaCluster(
          List.of(
              new KafkaBroker(
                  KafkaBrokerConfig.of(dataDir).withPorts(firstPort, firstControllerPort))));
    }
    int[] ports = ports(size, firstPort);
    int[] controllerPorts = ports(size, firstControllerPort, ports);
    String voters = voters(controllerPorts);
    String clusterId = clusterId(dataDir, size);
    List<KafkaBroker> nodes = new ArrayList<>();
    for (int i = 0; i < size; i++) {
      int id = i + 1;
      nodes.add(
          new KafkaBroker(
              KafkaBrokerConfig.of(dataDir.resolve("node-" + id))
                  .withPorts(ports[i], controllerPorts[i])
                  .withQuorum(new KafkaBrokerConfig.Quorum(id, voters, clusterId, size))));
    }
    return new KafkaCluster(nodes);
  }

  private static int[] ports(int size, int first, int[]... taken) {
    Set<Integer> used = new HashSet<>();
    for (int[] t : taken) {
      for (int p : t) {
        used.add(p);
      }
    }
    int[] ports = new int[size];
    for (int i = 0; i < size; i++) {
      if (first != 0) {
        ports[i] = Ports.validate("kafka port of node " + (i + 1), first + i);
      } else {
        int p = Ports.free();
        while (used.contains(p)) {
          p = Ports.free();
        }
        ports[i] = p;
      }
      used.add(ports[i]);
    }
    return ports;
  }

  private static String voters(int[] controllerPorts) {
    List<String> voters = new ArrayList<>();
    for (int i = 0; i < controllerPorts.length; i++) {
      voters.add((i + 1) + "@" + Ports.LOOPBACK + ":" + controllerPorts[i]);
    }
    return String.join(",", voters);
  }

  /** The id the nodes were formatted with, or a new one for a new cluster. */
  private static String clusterId(Path dataDir, int size) {
    for (int id = 1; id <= size; id++) {
      Path meta = dataDir.resolve("node-" + id).resolve("kraft").resolve("meta.properties");
      if (Files.exists(meta)) {
        Properties p = new Properties();
        try (InputStream in = Files.newInputStream(meta)) {
          p.load(in);
        } catch (IOException e) {
          throw new PlatformException("Kafka cluster: cannot read " + meta + ": " + e, e);
        }
        String cluster = p.getProperty("cluster.id");
        if (cluster != null && !cluster.isBlank()) {
          return cluster.trim();
        }
      }
    }
    return Uuid.randomUuid().toString();
  }

  /**
   * Starts every node that is not running and returns once each answers and sees the others. The
   * nodes are launched together: a controller quorum needs a majority before any node answers.
   */
  public synchronized KafkaCluster start() {
    if (nodes.size() == 1) {
      nodes.get(0).start();
      return this;
    }
    List<KafkaBroker> launched = new ArrayList<>();
    List<Long> times = new ArrayList<>();
    try {
      for (KafkaBroker node : nodes) {
        if (!node.isRunning()) {
          times.add(node.launch());
          launched.add(node);
        }
      }
      for (int i = 0; i < launched.size(); i++) {
        launched.get(i).awaitStarted(times.get(i));
      }
      awaitAllVisible(nodes.get(0).config().startTimeout());
    } catch (RuntimeException e) {
      launched.forEach(KafkaBroker::kill);
      throw e;
    }
    LOG.info("Kafka cluster of {} nodes ready on {}", nodes.size(), bootstrapServers());
    return this;
  }

  /** Waits until the cluster's metadata lists every node that is running. */
  public void awaitAllVisible(Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    Set<Integer> expected =
        nodes.stream()
            .filter(KafkaBroker::isRunning)
            .map(n -> n.config().nodeId())
            .collect(Collectors.toSet());
    Set<Integer> seen = Set.of();
    try (Admin admin = admin()) {
      while (System.nanoTime() < deadline) {
        try {
          seen =
              admin.describeCluster().nodes().get(3, TimeUnit.SECONDS).stream()
                  .map(Node::id)
                  .collect(Collectors.toSet());
          if (seen.containsAll(expected)) {
            return;
          }
        } catch (ExecutionException | TimeoutException e) {
          // not yet
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new PlatformException("interrupted while waiting for the Kafka cluster", e);
        }
        sleep(200);
      }
    }
    throw new PlatformException(
        "Kafka cluster: nodes " + expected + " expected, the metadata lists " + seen);
  }

  /** The id of the node that is the active controller now. */
  public int activeControllerId() {
    try (Admin admin = admin()) {
      return admin.describeMetadataQuorum().quorumInfo().get(10, TimeUnit.SECONDS).leaderId();
    } catch (ExecutionException | TimeoutException e) {
      throw new PlatformException("Kafka cluster: cannot describe the controller quorum: " + e, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new PlatformException("interrupted while describing the controller quorum", e);
    }
  }

  private Admin admin() {
    return Admin.create(
        Map.of(
            AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers(),
            AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 3000,
            AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 5000));
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** Every node's address, comma-separated; valid after {@link #start()}. */
  public String bootstrapServers() {
    return nodes.stream().map(KafkaBroker::bootstrapServers).collect(Collectors.joining(","));
  }

  public List<KafkaBroker> nodes() {
    return nodes;
  }

  /** The node with id {@code id} (1…size). */
  public KafkaBroker node(int id) {
    return nodes.get(id - 1);
  }

  public int size() {
    return nodes.size();
  }

  /** Whether every node is running. */
  public boolean isRunning() {
    return nodes.stream().allMatch(KafkaBroker::isRunning);
  }

  /**
   * Stops every node, all at once: each node's broker then asks the active controller for a
   * controlled shutdown while the controllers are still up (one node after the other, the last ones
   * would wait for a quorum that is gone).
   */
  @Override
  public void close() {
    if (nodes.size() == 1) {
      nodes.get(0).stop();
      return;
    }
    List<Thread> stopping = new ArrayList<>();
    for (KafkaBroker node : nodes) {
      Thread t = new Thread(node::stop, "stop-kafka-node-" + node.config().nodeId());
      t.start();
      stopping.add(t);
    }
    for (Thread t : stopping) {
      try {
        t.join();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
  }
}
