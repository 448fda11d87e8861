package io.dualrun.schemas.registry;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.flink.avro.registry.confluent.shaded.io.confluent.kafka.schemaregistry.avro.AvroSchemaProvider;
import org.apache.flink.avro.registry.confluent.shaded.io.confluent.kafka.schemaregistry.client.CachedSchemaRegistryClient;
import org.apache.flink.avro.registry.confluent.shaded.io.confluent.kafka.schemaregistry.client.MockSchemaRegistryClient;
import org.apache.flink.avro.registry.confluent.shaded.io.confluent.kafka.schemaregistry.client.SchemaRegistryClient;

/** Creates the genuine Confluent registry client (relocated copy, see module registry-client). */
public final class RegistryClients {
  private static final int CACHE_CAPACITY = 1000;

  private RegistryClients() {}

  /** A caching client against a real Confluent-API registry. */
  public static SchemaRegistryClient create(RegistrySettings settings) {
    Map<String, Object> config = new HashMap<>();
    if (settings.hasBasicAuth()) {
      config.put("basic.auth.credentials.source", "USER_INFO");
      config.put("basic.auth.user.info", settings.username() + ":" + settings.password());
    }
    return new CachedSchemaRegistryClient(
        List.of(settings.url()), CACHE_CAPACITY, List.of(new AvroSchemaProvider()), config);
  }

  /** An in-memory client for unit tests of one class: never used by a running service. */
  public static SchemaRegistryClient inMemory() {
    return new MockSchemaRegistryClient(List.of(new AvroSchemaProvider()));
  }
}
