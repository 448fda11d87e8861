package io.dualrun.platform;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.utils.AppInfoParser;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A Kafka node (KRaft, combined broker and controller) in a child JVM running {@code kafka.Kafka}
 * from the Kafka jars on this JVM's class path: alone, or one node of a {@link KafkaCluster}.
 * Storage is formatted on first start; the data directory is reused afterwards. A restart keeps the
 * ports of the first start, so clients and the other nodes find it again.
 */
public final class KafkaBroker implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(KafkaBroker.class);
  private static final String MAIN_CLASS = "kafka.Kafka";

  private final KafkaBrokerConfig config;
  private volatile ChildProcess child;
  private volatile int port;
  private volatile int controllerPort;

  public KafkaBroker(KafkaBrokerConfig config) {
    this.config = config;
  }

  public KafkaBrokerConfig config() {
    return config;
  }

  /**
   * Starts the broker and returns once it answers {@code describeCluster}. When its ports are
   * picked here (configured as 0), a port taken by another process between the pick and the bind is
   * met by picking new ones, up to {@link Ports#AUTO_PORT_TRIES} times.
   */
  public synchronized KafkaBroker start() {
    if (isRunning()) {
      return this;
    }
    boolean autoPorts = port == 0 && (config.port() == 0 || config.controllerPort() == 0);
    for (int attempt = 1; ; attempt++) {
      try {
        long started = launch();
        awaitStarted(started);
        return this;
      } catch (PlatformException e) {
        if (!autoPorts || attempt >= Ports.AUTO_PORT_TRIES || !Ports.isPortClash(e)) {
          throw e;
        }
        port = 0;
        controllerPort = 0;
        LOG.warn(
            "Kafka broker: a picked port was taken meanwhile, picking others ({})", e.summary());
      }
    }
  }

  /**
   * Starts the child JVM without waiting for it to answer: the nodes of a cluster are all launched
   * before any can answer (a controller quorum needs a majority). Returns the launch time.
   */
  synchronized long launch() {
    Path dataDir = DataDirs.writable("Kafka broker", config.dataDir());
    if (port == 0) {
      port = Ports.resolve(config.port());
      controllerPort = config.controllerPort() == 0 ? freeOtherThan(port) : config.controllerPort();
    }
    Ports.requireFree(port, "Kafka broker");
    Ports.requireFree(controllerPort, "Kafka controller");
    Path logDir = dataDir.resolve("kraft");
    KafkaStorage.ensureFormatted(
        logDir, config.nodeId(), config.quorum() == null ? null : config.quorum().clusterId());
    Path properties = writeProperties(dataDir, logDir);
    long started = System.nanoTime();
    child =
        ChildProcess.start(
            "Kafka broker",
            JavaRuntime.currentJava(),
            List.of(
                "-Xms64m",
                "-Xmx" + config.heap(),
                "-XX:+UseSerialGC",
                "-Djava.awt.headless=true",
                "-Dlogback.configurationFile=" + writeLogConfig(dataDir)),
            JavaRuntime.currentClassPath(),
            MAIN_CLASS,
            List.of(properties.toString()),
            Map.of(),
            dataDir,
            dataDir.resolve("broker.log"));
    return started;
  }

  /** Waits until the launched node answers; kills it when it does not in time. */
  synchronized void awaitStarted(long started) {
    try {
      awaitReady();
    } catch (RuntimeException e) {
      child.kill();
      throw e;
    }
    LOG.info(
        "Kafka {} node {} listening on {} (data {}, ready in {} ms)",
        AppInfoParser.getVersion(),
        config.nodeId(),
        bootstrapServers(),
        config.dataDir(),
        TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started));
  }

  private static int freeOtherThan(int port) {
    int candidate = Ports.free();
    while (candidate == port) {
      candidate = Ports.free();
    }
    return candidate;
  }

  private static Path writeLogConfig(Path dataDir) {
    Path file = dataDir.resolve("logback-broker.xml");
    try (InputStream in = KafkaBroker.class.getResourceAsStream("kafka-logback.xml")) {
      Files.copy(in, file, StandardCopyOption.REPLACE_EXISTING);
      return file;
    } catch (IOException e) {
      throw new PlatformException("Kafka broker: cannot write " + file + ": " + e.getMessage(), e);
    }
  }

  private Path writeProperties(Path dataDir, Path logDir) {
    String host = Ports.LOOPBACK;
    int nodes = config.clusterSize();
    String replicas = Integer.toString(Math.min(3, nodes));
    String minIsr = nodes >= 3 ? "2" : "1";
    Properties p = new Properties();
    p.setProperty("process.roles", "broker,controller");
    p.setProperty("node.id", Integer.toString(config.nodeId()));
    p.setProperty(
        "controller.quorum.voters",
        config.quorum() == null
            ? config.nodeId() + "@" + host + ":" + controllerPort
            : config.quorum().voters());
    p.setProperty(
        "listeners",
        "PLAINTEXT://" + host + ":" + port + ",CONTROLLER://" + host + ":" + controllerPort);
    p.setProperty("advertised.listeners", "PLAINTEXT://" + host + ":" + port);
    p.setProperty("inter.broker.listener.name", "PLAINTEXT");
    p.setProperty("controller.listener.names", KafkaStorage.CONTROLLER_LISTENER);
    p.setProperty("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
    p.setProperty("log.dirs", logDir.toString());
    p.setProperty("num.partitions", "1");
    p.setProperty("default.replication.factor", replicas);
    p.setProperty("min.insync.replicas", minIsr);
    p.setProperty("offsets.topic.replication.factor", replicas);
    p.setProperty("offsets.topic.num.partitions", "10");
    p.setProperty("transaction.state.log.replication.factor", replicas);
    p.setProperty("transaction.state.log.min.isr", minIsr);
    p.setProperty("transaction.state.log.num.partitions", "10");
    p.setProperty("share.coordinator.state.topic.replication.factor", replicas);
    p.setProperty("share.coordinator.state.topic.min.isr", minIsr);
    p.setProperty("group.initial.rebalance.delay.ms", "0");
    p.setProperty("log.cleaner.enable", "true");
    p.setProperty("log.cleaner.dedupe.buffer.size", Integer.toString(8 * 1024 * 1024));
    p.setProperty("log.cleaner.threads", "1");
    p.setProperty("num.io.threads", "4");
    p.setProperty("num.network.threads", "2");
    p.setProperty("auto.create.topics.enable", Boolean.toString(config.autoCreateTopics()));
    Path file = dataDir.resolve("server.properties");
    try (OutputStream out = Files.newOutputStream(file)) {
      p.store(out, "written by dualrun at every start");
    } catch (IOException e) {
      throw new PlatformException("Kafka broker: cannot write " + file + ": " + e.getMessage(), e);
    }
    return file;
  }

  private void awaitReady() {
    long deadline = System.nanoTime() + config.startTimeout().toNanos();
    Map<String, Object> adminConfig =
        Map.of(
            AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers(),
            AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 2000,
            AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 3000,
            AdminClientConfig.RECONNECT_BACKOFF_MAX_MS_CONFIG, 200);
    awaitPort(deadline);
    Exception last = null;
    try (Admin admin = Admin.create(adminConfig)) {
      while (System.nanoTime() < deadline) {
        if (!child.isAlive()) {
          throw child.failure(
              "Kafka broker exited with code "
                  + child.exitCode()
                  + " while starting on "
                  + bootstrapServers()
                  + " (data "
                  + config.dataDir()
                  + ")");
        }
        try {
          if (!admin.describeCluster().nodes().get(3, TimeUnit.SECONDS).isEmpty()) {
            return;
          }
        } catch (java.util.concurrent.ExecutionException
            | java.util.concurrent.TimeoutException e) {
          last = e;
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new PlatformException("interrupted while waiting for the Kafka broker", e);
        }
        sleep(100);
      }
    }
    throw child.failure(
        "Kafka broker did not answer on "
            + bootstrapServers()
            + " within "
            + config.startTimeout().toSeconds()
            + " s (last error: "
            + last
            + ")");
  }

  private void awaitPort(long deadline) {
    while (System.nanoTime() < deadline && child.isAlive()) {
      try (Socket socket = new Socket()) {
        socket.connect(new InetSocketAddress(Ports.LOOPBACK, port), 500);
        return;
      } catch (IOException e) {
        sleep(100);
      }
    }
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** {@code 127.0.0.1:<port>}; valid after {@link #start()}. */
  public String bootstrapServers() {
    if (port == 0) {
      throw new IllegalStateException("the Kafka broker has not been started");
    }
    return Ports.LOOPBACK + ":" + port;
  }

  public int port() {
    return port;
  }

  public int controllerPort() {
    return controllerPort;
  }

  public boolean isRunning() {
    ChildProcess current = child;
    return current != null && current.isAlive();
  }

  /** The file the broker's output goes to. */
  public Path logFile() {
    return config.dataDir().resolve("broker.log");
  }

  /** Stops the broker cleanly (controlled shutdown), forcibly after 30 s. */
  public synchronized void stop() {
    ChildProcess current = child;
    if (current != null) {
      current.stop(Duration.ofSeconds(30).toMillis());
      LOG.info("Kafka broker on {} stopped (exit code {})", bootstrapServers(), current.exitCode());
      child = null;
    }
  }

  /** Kills the broker at once, as a crash would (for fault tests). */
  public synchronized void kill() {
    ChildProcess current = child;
    if (current != null) {
      current.kill();
      LOG.info("Kafka broker on {} killed", bootstrapServers());
      child = null;
    }
  }

  @Override
  public void close() {
    stop();
  }
}
