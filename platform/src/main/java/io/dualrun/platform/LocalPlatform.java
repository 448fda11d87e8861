package io.dualrun.platform;

import io.dualrun.registry.RegistrySettings;
import io.dualrun.registry.SchemaRegistry;
import io.dualrun.schemas.topic.TopicCatalog;
import io.dualrun.schemas.topic.TopicInitializer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.stream.Stream;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.admin.Admin;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real Kafka broker and a real schema registry on this machine, with every catalog topic created
 * and usable. For the standalone launcher and for integration tests:
 *
 * <pre>{@code
 * try (LocalPlatform platform = LocalPlatform.start(LocalPlatformConfig.ephemeral())) {
 *   producer = new KafkaProducer<>(platform.kafkaConfig(), ...);
 * }
 * }</pre>
 */
public final class LocalPlatform implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(LocalPlatform.class);
  private static final Duration TOPIC_TIMEOUT = Duration.ofSeconds(60);

  private final LocalPlatformConfig config;
  private final Path dataDir;
  private final boolean temporary;
  private final KafkaCluster kafka;
  private final SchemaRegistryServer registry;
  private SchemaRegistry registryClient;
  private TopicCatalog catalog;

  private LocalPlatform(LocalPlatformConfig config) {
    this.config = config;
    Path home = config.registryHome() == null ? RegistryHome.locate() : config.registryHome();
    this.temporary = config.dataDir() == null;
    this.dataDir = temporary ? createTempDir() : config.dataDir();
    this.kafka =
        KafkaCluster.of(
            dataDir.resolve("kafka"),
            config.brokers(),
            config.kafkaPort(),
            config.controllerPort());
    this.registry =
        new SchemaRegistryServer(
            new SchemaRegistryConfig(
                home, dataDir.resolve("registry"), true, config.registryPort(), null, null, null));
  }

  /** Starts broker and registry (in parallel), then creates and checks every catalog topic. */
  public static LocalPlatform start(LocalPlatformConfig config) {
    LocalPlatform platform = new LocalPlatform(config);
    try {
      platform.startAll();
      return platform;
    } catch (RuntimeException e) {
      platform.close();
      throw e;
    }
  }

  /** Temporary data and free ports. */
  public static LocalPlatform startEphemeral() {
    return start(LocalPlatformConfig.ephemeral());
  }

  private void startAll() {
    requireFree(config.kafkaPort(), "Kafka broker");
    requireFree(config.controllerPort(), "Kafka controller");
    requireFree(config.registryPort(), "schema registry");
    CompletableFuture<SchemaRegistryServer> registryStart =
        CompletableFuture.supplyAsync(registry::start);
    RuntimeException failure = null;
    try {
      kafka.start();
    } catch (RuntimeException e) {
      failure = e;
    }
    try {
      registryStart.join();
    } catch (CompletionException e) {
      RuntimeException cause =
          e.getCause() instanceof RuntimeException r ? r : new PlatformException(e.toString(), e);
      if (failure == null) {
        failure = cause;
      } else {
        failure.addSuppressed(cause);
      }
    }
    if (failure != null) {
      throw failure;
    }
    registryClient = SchemaRegistry.connect(registrySettings());
    catalog = TopicCatalog.create(registryClient, config.topics(), true);
    try (Admin admin = Admin.create(kafkaConfig())) {
      TopicInitializer.ensure(admin, catalog.all(), TOPIC_TIMEOUT);
    }
    LOG.info(
        "local platform ready: Kafka {} ({} node{}), registry {}, {} topics, data {}",
        bootstrapServers(),
        kafka.size(),
        kafka.size() == 1 ? "" : "s",
        registryUrl(),
        catalog.all().size(),
        dataDir);
  }

  private static void requireFree(int port, String what) {
    if (port != 0) {
      Ports.requireFree(port, what);
    }
  }

  /** Every Kafka node's address, comma-separated. */
  public String bootstrapServers() {
    return kafka.bootstrapServers();
  }

  /** A fresh, mutable client config with {@code bootstrap.servers} set. */
  public Map<String, Object> kafkaConfig() {
    Map<String, Object> map = new HashMap<>();
    map.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers());
    return map;
  }

  public String registryUrl() {
    return registry.url();
  }

  public RegistrySettings registrySettings() {
    return RegistrySettings.of(registry.url());
  }

  /** The client the catalog's serdes use. */
  public SchemaRegistry registryClient() {
    return registryClient;
  }

  /** The topic catalog, with serdes bound to this registry (auto-registering). */
  public TopicCatalog catalog() {
    return catalog;
  }

  public Path dataDir() {
    return dataDir;
  }

  /** The first Kafka node (the only one unless the platform runs a cluster). */
  public KafkaBroker broker() {
    return kafka.node(1);
  }

  /** The Kafka nodes. */
  public KafkaCluster kafka() {
    return kafka;
  }

  public SchemaRegistryServer registry() {
    return registry;
  }

  public LocalPlatformConfig config() {
    return config;
  }

  /** Stops registry and broker; deletes the data directory when it was temporary. */
  @Override
  public void close() {
    try {
      registry.stop();
    } finally {
      kafka.close();
      if (temporary) {
        deleteRecursively(dataDir);
      }
    }
  }

  private static Path createTempDir() {
    try {
      return Files.createTempDirectory("dualrun-platform-");
    } catch (IOException e) {
      throw new PlatformException("cannot create a temporary data directory: " + e.getMessage(), e);
    }
  }

  private static void deleteRecursively(Path dir) {
    try (Stream<Path> paths = Files.walk(dir)) {
      paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      LOG.warn("cannot delete temporary data directory {}: {}", dir, e.getMessage());
    }
  }
}
