package io.dualrun.registry;

import java.nio.file.Path;
import org.apache.avro.Schema;

/**
 * A Confluent-API schema registry, as the serdes use it. Every method throws {@link
 * RegistryException}: {@link RegistryException#isTransient()} tells an outage (connection refused,
 * timeout, a 5xx answer: worth waiting for) from an answer that will not change (unknown schema id,
 * incompatible schema, bad credentials).
 */
public interface SchemaRegistry {
  /** Registers {@code schema} under {@code subject} (or finds it registered); returns its id. */
  int register(String subject, Schema schema);

  /** The id of {@code schema}, already registered under {@code subject}. */
  int lookup(String subject, Schema schema);

  /** The schema registered with {@code id}. */
  Schema byId(int id);

  /** The id of the latest schema registered under {@code subject}. */
  int latestId(String subject);

  /** Whether {@code schema} may be registered under {@code subject} by the subject's rule. */
  boolean compatible(String subject, Schema schema);

  /** A caching client of the registry at {@code settings}. */
  static SchemaRegistry connect(RegistrySettings settings) {
    return ConfluentRegistry.connect(settings);
  }

  /**
   * The registry as a service uses it: schemas it registered or read are kept in a durable cache
   * under {@code cacheDir} (so that it can start and go on while the registry is down), and a
   * transient failure the cache cannot answer is retried with backoff for up to two minutes per
   * call ({@link RetryingSchemaRegistry.Backoff#DEFAULT}), each wait told to {@code listener}.
   */
  static SchemaRegistry resilient(
      RegistrySettings settings, Path cacheDir, RetryingSchemaRegistry.Listener listener) {
    SchemaRegistry cached =
        new CachingSchemaRegistry(connect(settings), SchemaCache.open(cacheDir, settings.url()));
    return new RetryingSchemaRegistry(cached, RetryingSchemaRegistry.Backoff.DEFAULT, listener);
  }

  /** An in-memory registry for unit tests of one class: never used by a running service. */
  static SchemaRegistry inMemory() {
    return ConfluentRegistry.inMemory();
  }
}
