package io.dualrun.config;

import io.dualrun.config.auth.AccessPolicy;
import io.dualrun.inventory.Inventory;
import io.dualrun.inventory.InventoryLoader;
import io.dualrun.registry.RegistrySettings;
import io.dualrun.schemas.topic.TopicSettings;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;

/**
 * Settings every service shares: where Kafka and the registry are, how topics are created, and the
 * inventory. Keys: {@code kafka.bootstrap-servers}, {@code kafka.properties} (extra client
 * properties, e.g. security), {@code registry.url}, {@code registry.username}, {@code
 * registry.password}, {@code topics.partitions}, {@code topics.replication-factor}, {@code
 * inventory} (path of workflows.yaml), and who may do what over HTTP ({@code auth.*}, see {@link
 * AuthSettings}).
 */
public record CommonSettings(
    String bootstrapServers,
    Map<String, String> kafkaProperties,
    RegistrySettings registry,
    TopicSettings topics,
    Path inventoryPath,
    AccessPolicy access,
    boolean replicationFromCluster) {

  public CommonSettings {
    kafkaProperties = Map.copyOf(kafkaProperties);
  }

  public static final ConfigKey<String> BOOTSTRAP_SERVERS =
      ConfigKey.string("kafka.bootstrap-servers", "127.0.0.1:9092", "Kafka");
  public static final ConfigKey<Map<String, String>> KAFKA_PROPERTIES =
      ConfigKey.map(
          "kafka.properties",
          "extra Kafka client properties (security, client.id…), given to every client the service"
              + " creates");
  public static final ConfigKey<String> REGISTRY_URL =
      ConfigKey.string(
          "registry.url",
          "http://127.0.0.1:8081/apis/ccompat/v7",
          "Confluent-API schema registry (absolute http(s) URL)");
  public static final ConfigKey<String> REGISTRY_USERNAME =
      ConfigKey.string("registry.username", null, "registry basic auth user (with the password)");
  public static final ConfigKey<String> REGISTRY_PASSWORD =
      ConfigKey.string("registry.password", null, "registry basic auth password (with the user)");
  public static final ConfigKey<Integer> PARTITIONS =
      ConfigKey.integer(
          "topics.partitions",
          TopicSettings.SINGLE_NODE.partitions(),
          1,
          10_000,
          "partitions of a topic the service creates when it is missing");
  public static final ConfigKey<Integer> REPLICATION_FACTOR =
      ConfigKey.integer(
              "topics.replication-factor",
              1,
              1,
              32,
              "replication factor of a topic the service creates (min.insync.replicas 2 from 3);"
                  + " unset: 3, or the number of brokers when there are fewer, counted at start")
          .defaultShownAs("3 or the brokers");
  public static final ConfigKey<String> INVENTORY =
      ConfigKey.string(
          "inventory", null, "path of `workflows.yaml` (native ids, OpenLineage jobs, rules)");

  /** The keys every service reads: Kafka, registry, topics, inventory, and {@code auth.*}. */
  public static final ConfigDef KEYS =
      ConfigDef.of(
          "common",
          new ConfigDef(
              "common",
              List.of(
                  BOOTSTRAP_SERVERS,
                  KAFKA_PROPERTIES,
                  REGISTRY_URL,
                  REGISTRY_USERNAME,
                  REGISTRY_PASSWORD,
                  PARTITIONS,
                  REPLICATION_FACTOR,
                  INVENTORY)),
          AuthSettings.KEYS);

  public static CommonSettings from(ConfigMap c) {
    String registryUrl = REGISTRY_URL.from(c);
    String user = REGISTRY_USERNAME.from(c);
    String password = REGISTRY_PASSWORD.from(c);
    if ((user == null) != (password == null)) {
      throw new ConfigException(
          c.source() + ": registry.username and registry.password must be given together");
    }
    RegistrySettings registry;
    try {
      registry = new RegistrySettings(registryUrl, user, password, true);
    } catch (IllegalArgumentException e) {
      throw new ConfigException(c.source() + ": registry.url: " + e.getMessage());
    }
    String inventory = INVENTORY.from(c);
    return new CommonSettings(
        BOOTSTRAP_SERVERS.from(c),
        KAFKA_PROPERTIES.from(c),
        registry,
        new TopicSettings(PARTITIONS.from(c), (short) (int) REPLICATION_FACTOR.from(c)),
        inventory == null ? null : Path.of(inventory),
        AuthSettings.policy(c, List.of()),
        !REPLICATION_FACTOR.isSetIn(c));
  }

  /** The replication factor when it is not configured: 3, or fewer brokers. */
  public static short replicationFor(int brokers) {
    return (short) Math.max(1, Math.min(3, brokers));
  }

  /**
   * These settings for the cluster {@code admin} talks to: without a configured {@code
   * topics.replication-factor}, topics are replicated 3 times, or as many times as there are
   * brokers when there are fewer.
   */
  public CommonSettings forCluster(Admin admin, Duration timeout) {
    if (!replicationFromCluster) {
      return this;
    }
    int brokers;
    try {
      brokers =
          admin.describeCluster().nodes().get(timeout.toMillis(), TimeUnit.MILLISECONDS).size();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while counting the brokers", e);
    } catch (ExecutionException | TimeoutException e) {
      throw new IllegalStateException(
          "cannot count the brokers of " + bootstrapServers + ": " + e.getMessage(), e);
    }
    return new CommonSettings(
        bootstrapServers,
        kafkaProperties,
        registry,
        new TopicSettings(topics.partitions(), replicationFor(brokers)),
        inventoryPath,
        access,
        false);
  }

  /** Base Kafka client properties: bootstrap servers plus {@code kafka.properties}. */
  public Map<String, Object> kafkaClientProperties() {
    Map<String, Object> props = new HashMap<>(kafkaProperties);
    props.put("bootstrap.servers", bootstrapServers);
    return props;
  }

  /** The inventory, loaded and validated; empty when no path is configured. */
  public Inventory loadInventory() {
    return inventoryPath == null ? Inventory.empty() : InventoryLoader.load(inventoryPath);
  }
}
