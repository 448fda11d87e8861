package io.dualrun.registry;

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

  /** An in-memory registry for unit tests of one class: never used by a running service. */
  static SchemaRegistry inMemory() {
    return ConfluentRegistry.inMemory();
  }
}
