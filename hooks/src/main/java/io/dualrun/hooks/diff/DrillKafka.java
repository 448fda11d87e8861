package io.dualrun.hooks.diff;

import io.dualrun.registry.RegistrySettings;
import io.dualrun.registry.SchemaRegistry;
import io.dualrun.schemas.topic.TopicCatalog;
import io.dualrun.schemas.topic.TopicSettings;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.kafka.clients.CommonClientConfigs;
import picocli.CommandLine.Option;

/**
 * Where the drill-down topics are: {@code --bootstrap-servers}, {@code --registry-url} (defaults
 * from the environment and the client file, docs/hooks.md) and extra Kafka client properties.
 */
public final class DrillKafka {
  @Option(
      names = "--bootstrap-servers",
      paramLabel = "HOST:PORT[,…]",
      defaultValue = "localhost:9092",
      description =
          "Kafka holding the drill-down topics (env DUALRUN_BOOTSTRAP_SERVERS, or"
              + " kafka.bootstrap-servers in the client file; default: ${DEFAULT-VALUE}).")
  String bootstrapServers;

  @Option(
      names = "--registry-url",
      paramLabel = "URL",
      defaultValue = "http://localhost:8081/apis/ccompat/v7",
      description =
          "Confluent-API schema registry (env DUALRUN_REGISTRY_URL, or registry.url in the client"
              + " file; default: ${DEFAULT-VALUE}).")
  String registryUrl;

  @Option(
      names = "--kafka-property",
      paramLabel = "KEY=VALUE",
      description = "Extra Kafka client property, e.g. security.protocol=SSL (repeatable).")
  Map<String, String> properties = new LinkedHashMap<>();

  /** The Kafka client properties. */
  public Map<String, Object> kafka() {
    Map<String, Object> kafka = new HashMap<>(properties);
    kafka.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    return kafka;
  }

  /** The topic catalog bound to the registry (schemas registered on first use). */
  public TopicCatalog catalog() {
    RegistrySettings registry;
    try {
      registry = RegistrySettings.of(registryUrl);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("--registry-url: " + e.getMessage(), e);
    }
    return TopicCatalog.create(SchemaRegistry.connect(registry), TopicSettings.SINGLE_NODE, true);
  }

  public String registryUrl() {
    return registryUrl;
  }

  public String bootstrapServers() {
    return bootstrapServers;
  }
}
