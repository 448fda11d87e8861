package io.dualrun.config;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The keys of one part of the configuration, in the order the docs list them. The docs' tables are
 * generated from it ({@link #markdownTable}) and checked by {@link ConfigDocs}.
 */
public final class ConfigDef {
  private final String name;
  private final List<ConfigKey<?>> keys;

  public ConfigDef(String name, List<ConfigKey<?>> keys) {
    this.name = name;
    Map<String, ConfigKey<?>> unique = new LinkedHashMap<>();
    for (ConfigKey<?> k : keys) {
      if (unique.put(k.name(), k) != null) {
        throw new IllegalArgumentException(name + ": key " + k.name() + " is declared twice");
      }
    }
    this.keys = List.copyOf(keys);
  }

  /** The definitions of {@code defs}, one after the other. */
  public static ConfigDef of(String name, ConfigDef... defs) {
    List<ConfigKey<?>> all = new ArrayList<>();
    for (ConfigDef d : defs) {
      all.addAll(d.keys());
    }
    return new ConfigDef(name, all);
  }

  public String name() {
    return name;
  }

  public List<ConfigKey<?>> keys() {
    return keys;
  }

  /** {@code | key | default | meaning |}, one row per key. */
  public String markdownTable() {
    StringBuilder out = new StringBuilder("| key | default | meaning |\n|---|---|---|\n");
    for (ConfigKey<?> k : keys) {
      out.append("| `")
          .append(k.name())
          .append("` | ")
          .append(k.defaultText())
          .append(" | ")
          .append(k.doc().replace("|", "\\|").replace("\n", " "))
          .append(" |\n");
    }
    return out.toString();
  }
}
