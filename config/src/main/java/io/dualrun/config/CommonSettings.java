package io.dualrun.config;

import io.dualrun.config.auth.AccessPolicy;
import io.dualrun.inventory.Inventory;
import io.dualrun.inventory.InventoryLoader;
import io.dualrun.registry.RegistrySettings;
import io.dualrun.schemas.topic.TopicSettings;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

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
    AccessPolicy access) {

  public CommonSettings {
    kafkaProperties = Map.copyOf(kafkaProperties);
  }

  public static CommonSettings from(ConfigMap c) {
    String registryUrl = c.string("registry.url", "http://127.0.0.1:8081/apis/ccompat/v7");
    String user = c.string("registry.username", null);
    String password = c.string("registry.password", null);
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
    String inventory = c.string("inventory", null);
    return new CommonSettings(
        c.string("kafka.bootstrap-servers", "127.0.0.1:9092"),
        c.stringMap("kafka.properties"),
        registry,
        new TopicSettings(
            c.integer("topics.partitions", TopicSettings.SINGLE_NODE.partitions(), 1, 10_000),
            (short) c.integer("topics.replication-factor", 1, 1, 32)),
        inventory == null ? null : Path.of(inventory),
        AuthSettings.policy(c, List.of()));
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
