package io.dualrun.registry;

import java.util.HashMap;
import java.util.Map;
import org.apache.avro.Schema;

/** An in-memory registry that can be taken down (transient failures) for unit tests. */
final class FakeRegistry implements SchemaRegistry {
  final Map<Integer, Schema> byId = new HashMap<>();
  final Map<String, Integer> ids = new HashMap<>();
  int calls;
  int failuresLeft;
  boolean down;

  private void call(String what) {
    calls++;
    if (down || failuresLeft > 0) {
      failuresLeft = Math.max(0, failuresLeft - 1);
      throw new RegistryException(what, "Connection refused", true, 0, null);
    }
  }

  @Override
  public int register(String subject, Schema schema) {
    call("register");
    return ids.computeIfAbsent(
        subject + "/" + schema,
        k -> {
          int id = byId.size() + 1;
          byId.put(id, schema);
          return id;
        });
  }

  @Override
  public int lookup(String subject, Schema schema) {
    call("lookup");
    Integer id = ids.get(subject + "/" + schema);
    if (id == null) {
      throw new RegistryException("lookup", "Schema not found (HTTP 404)", false, 404, null);
    }
    return id;
  }

  @Override
  public Schema byId(int id) {
    call("byId");
    Schema s = byId.get(id);
    if (s == null) {
      throw new RegistryException("byId", "Schema not found (HTTP 404)", false, 404, null);
    }
    return s;
  }

  @Override
  public int latestId(String subject) {
    call("latestId");
    return ids.size();
  }

  @Override
  public boolean compatible(String subject, Schema schema) {
    call("compatible");
    return true;
  }
}
