package io.dualrun.registry;

import java.io.IOException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.avro.Schema;
import org.apache.flink.avro.registry.confluent.shaded.io.confluent.kafka.schemaregistry.ParsedSchema;
import org.apache.flink.avro.registry.confluent.shaded.io.confluent.kafka.schemaregistry.avro.AvroSchema;
import org.apache.flink.avro.registry.confluent.shaded.io.confluent.kafka.schemaregistry.avro.AvroSchemaProvider;
import org.apache.flink.avro.registry.confluent.shaded.io.confluent.kafka.schemaregistry.client.CachedSchemaRegistryClient;
import org.apache.flink.avro.registry.confluent.shaded.io.confluent.kafka.schemaregistry.client.MockSchemaRegistryClient;
import org.apache.flink.avro.registry.confluent.shaded.io.confluent.kafka.schemaregistry.client.SchemaRegistryClient;
import org.apache.flink.avro.registry.confluent.shaded.io.confluent.kafka.schemaregistry.client.rest.exceptions.RestClientException;

/**
 * {@link SchemaRegistry} over the genuine Confluent client (7.5, relocated inside Flink's
 * flink-sql-avro-confluent-registry jar, re-packed by this module): the only class of dualrun that
 * names the relocated classes.
 */
final class ConfluentRegistry implements SchemaRegistry {
  private static final int CACHE_CAPACITY = 1000;

  private final SchemaRegistryClient client;

  private ConfluentRegistry(SchemaRegistryClient client) {
    this.client = client;
  }

  static SchemaRegistry connect(RegistrySettings settings) {
    Map<String, Object> config = new HashMap<>();
    if (settings.hasBasicAuth()) {
      config.put("basic.auth.credentials.source", "USER_INFO");
      config.put("basic.auth.user.info", settings.username() + ":" + settings.password());
    }
    return new ConfluentRegistry(
        new CachedSchemaRegistryClient(
            List.of(settings.url()), CACHE_CAPACITY, List.of(new AvroSchemaProvider()), config));
  }

  static SchemaRegistry inMemory() {
    return new ConfluentRegistry(new MockSchemaRegistryClient(List.of(new AvroSchemaProvider())));
  }

  @Override
  public int register(String subject, Schema schema) {
    try {
      return client.register(subject, new AvroSchema(schema.toString()));
    } catch (IOException | RestClientException | RuntimeException e) {
      throw failure("cannot register schema " + schema.getFullName() + " under " + subject, e);
    }
  }

  @Override
  public int lookup(String subject, Schema schema) {
    try {
      return client.getId(subject, new AvroSchema(schema.toString()));
    } catch (IOException | RestClientException | RuntimeException e) {
      throw failure("cannot find schema " + schema.getFullName() + " under " + subject, e);
    }
  }

  @Override
  public Schema byId(int id) {
    try {
      ParsedSchema parsed = client.getSchemaById(id);
      return new Schema.Parser().parse(parsed.canonicalString());
    } catch (IOException | RestClientException | RuntimeException e) {
      throw failure("schema id " + id + " cannot be fetched from the registry", e);
    }
  }

  @Override
  public int latestId(String subject) {
    try {
      return client.getLatestSchemaMetadata(subject).getId();
    } catch (IOException | RestClientException | RuntimeException e) {
      throw failure("cannot find the latest schema of " + subject, e);
    }
  }

  @Override
  public boolean compatible(String subject, Schema schema) {
    try {
      return client.testCompatibility(subject, new AvroSchema(schema.toString()));
    } catch (IOException | RestClientException | RuntimeException e) {
      throw failure("cannot test schema " + schema.getFullName() + " against " + subject, e);
    }
  }

  /** An outage (no answer, a 5xx) is transient; any other answer is final. */
  private static RegistryException failure(String what, Exception e) {
    if (e instanceof RestClientException rest) {
      int status = rest.getStatus();
      return new RegistryException(
          what, e.getMessage() + " (HTTP " + status + ")", status >= 500, status, e);
    }
    boolean io = e instanceof IOException || e.getCause() instanceof IOException;
    return new RegistryException(what, String.valueOf(e.getMessage()), io, 0, e);
  }
}
