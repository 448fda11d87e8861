package io.dualrun.registry;

import java.util.Optional;
import org.apache.avro.Schema;

/**
 * A registry that remembers what it learnt in a {@link SchemaCache}: a schema is read by id from
 * the cache first (ids never change meaning), and a registration or look-up that fails because the
 * registry is down is answered from the cache when the cache knows it. A registration the registry
 * answers always wins over the cache, so a registry whose ids changed is followed.
 */
public final class CachingSchemaRegistry implements SchemaRegistry {
  private final SchemaRegistry delegate;
  private final SchemaCache cache;

  public CachingSchemaRegistry(SchemaRegistry delegate, SchemaCache cache) {
    this.delegate = delegate;
    this.cache = cache;
  }

  @Override
  public int register(String subject, Schema schema) {
    try {
      int id = delegate.register(subject, schema);
      cache.putId(subject, schema, id);
      return id;
    } catch (RegistryException e) {
      return fromCache(subject, schema, e);
    }
  }

  @Override
  public int lookup(String subject, Schema schema) {
    try {
      int id = delegate.lookup(subject, schema);
      cache.putId(subject, schema, id);
      return id;
    } catch (RegistryException e) {
      return fromCache(subject, schema, e);
    }
  }

  private int fromCache(String subject, Schema schema, RegistryException e) {
    if (!e.isTransient()) {
      throw e;
    }
    Optional<Integer> cached = cache.id(subject, schema);
    if (cached.isEmpty()) {
      throw e;
    }
    return cached.get();
  }

  @Override
  public Schema byId(int id) {
    Optional<Schema> cached = cache.schema(id);
    if (cached.isPresent()) {
      return cached.get();
    }
    Schema schema = delegate.byId(id);
    cache.putSchema(id, schema);
    return schema;
  }

  @Override
  public int latestId(String subject) {
    return delegate.latestId(subject);
  }

  @Override
  public boolean compatible(String subject, Schema schema) {
    return delegate.compatible(subject, schema);
  }
}
