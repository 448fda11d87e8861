package io.dualrun.config;

import io.dualrun.config.units.Durations;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.exceptions.YamlEngineException;

/**
 * A service configuration: a YAML file flattened to dotted keys ({@code kafka: {bootstrap-servers:
 * x}} is {@code kafka.bootstrap-servers}), overridable by {@code -Dkey=value}-style overrides.
 * Typed getters throw {@link ConfigException} naming the key; {@link #checkNoUnknownKeys} reports
 * keys nobody read (typos). Lists stay available through {@link #list}.
 */
public final class ConfigMap {

  private final String source;
  private final Map<String, Object> values;
  private final Set<String> read = new HashSet<>();

  private ConfigMap(String source, Map<String, Object> values) {
    this.source = source;
    this.values = values;
  }

  public static ConfigMap empty() {
    return new ConfigMap("(defaults)", new TreeMap<>());
  }

  public static ConfigMap of(String source, Map<String, ?> flat) {
    return new ConfigMap(source, new TreeMap<>(flat));
  }

  public static ConfigMap load(Path file) {
    String text;
    try {
      text = Files.readString(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new ConfigException(file + ": cannot read configuration: " + e.getMessage());
    }
    Object root;
    try {
      root =
          new Load(LoadSettings.builder().setLabel(file.toString()).build()).loadFromString(text);
    } catch (YamlEngineException e) {
      throw new ConfigException(file + ": not valid YAML: " + e.getMessage());
    }
    Map<String, Object> flat = new TreeMap<>();
    if (root != null) {
      if (!(root instanceof Map<?, ?> map)) {
        throw new ConfigException(file + ": must be a mapping of key: value");
      }
      flatten("", map, flat);
    }
    return new ConfigMap(file.toString(), flat);
  }

  private static void flatten(String prefix, Map<?, ?> map, Map<String, Object> out) {
    map.forEach(
        (k, v) -> {
          String key = prefix.isEmpty() ? String.valueOf(k) : prefix + "." + k;
          if (v instanceof Map<?, ?> nested && !nested.isEmpty() && !isFreeMap(key)) {
            flatten(key, nested, out);
          } else {
            out.put(key, v);
          }
        });
  }

  /** Maps under these keys are kept whole (free-form client properties, receiver lists…). */
  private static boolean isFreeMap(String key) {
    return key.endsWith(".properties") || key.equals("receivers") || key.equals("routes");
  }

  /** A copy with {@code overrides} (flat dotted keys) applied on top. */
  public ConfigMap with(Map<String, ?> overrides) {
    Map<String, Object> merged = new TreeMap<>(values);
    merged.putAll(overrides);
    return new ConfigMap(source, merged);
  }

  public String source() {
    return source;
  }

  public boolean has(String key) {
    return values.containsKey(key);
  }

  public String string(String key, String fallback) {
    read.add(key);
    Object v = values.get(key);
    if (v == null) {
      return fallback;
    }
    if (v instanceof Map<?, ?> || v instanceof List<?>) {
      throw bad(key, v, "must be a single value");
    }
    return v.toString();
  }

  public String required(String key) {
    String v = string(key, null);
    if (v == null || v.isBlank()) {
      throw new ConfigException(source + ": " + key + ": is required");
    }
    return v;
  }

  public int integer(String key, int fallback, int min, int max) {
    String v = string(key, null);
    if (v == null) {
      return fallback;
    }
    try {
      int n = Integer.parseInt(v.trim());
      if (n < min || n > max) {
        throw bad(key, v, "must be between " + min + " and " + max);
      }
      return n;
    } catch (NumberFormatException e) {
      throw bad(key, v, "is not a whole number");
    }
  }

  public int port(String key, int fallback) {
    return integer(key, fallback, 0, 65535);
  }

  public double decimal(String key, double fallback, double min) {
    String v = string(key, null);
    if (v == null) {
      return fallback;
    }
    try {
      double n = Double.parseDouble(v.trim());
      if (!(n >= min)) {
        throw bad(key, v, "must be " + min + " or more");
      }
      return n;
    } catch (NumberFormatException e) {
      throw bad(key, v, "is not a number");
    }
  }

  public boolean bool(String key, boolean fallback) {
    String v = string(key, null);
    if (v == null) {
      return fallback;
    }
    return switch (v.trim().toLowerCase(Locale.ROOT)) {
      case "true", "yes", "on" -> true;
      case "false", "no", "off" -> false;
      default -> throw bad(key, v, "must be true or false");
    };
  }

  /** A duration in dualrun's one syntax ({@link Durations}); never negative here. */
  public Duration duration(String key, Duration fallback) {
    String v = string(key, null);
    if (v == null) {
      return fallback;
    }
    Duration d =
        Durations.parse(v)
            .orElseThrow(() -> bad(key, v, "is not a duration (" + Durations.EXAMPLES + ")"));
    if (d.isNegative()) {
      throw bad(key, v, "must not be negative");
    }
    return d;
  }

  /** A list value (YAML sequence), or an empty list. */
  public List<?> list(String key) {
    read.add(key);
    Object v = values.get(key);
    if (v == null) {
      return List.of();
    }
    if (!(v instanceof List<?> l)) {
      throw bad(key, v, "must be a list");
    }
    return l;
  }

  /** A free-form map value (e.g. {@code kafka.properties}), values as strings. */
  public Map<String, String> stringMap(String key) {
    read.add(key);
    Object v = values.get(key);
    Map<String, String> out = new LinkedHashMap<>();
    if (v == null) {
      return out;
    }
    if (!(v instanceof Map<?, ?> m)) {
      throw bad(key, v, "must be a mapping");
    }
    m.forEach((k, x) -> out.put(String.valueOf(k), String.valueOf(x)));
    return out;
  }

  /** The raw value (a map or list for structured keys). */
  public Object raw(String key) {
    read.add(key);
    return values.get(key);
  }

  /** Fails naming every key that no getter read: a misspelt key must not be silently ignored. */
  public void checkNoUnknownKeys() {
    Set<String> unknown = new TreeSet<>(values.keySet());
    unknown.removeAll(read);
    if (!unknown.isEmpty()) {
      throw new ConfigException(
          source + ": unknown configuration keys: " + String.join(", ", unknown));
    }
  }

  private ConfigException bad(String key, Object value, String reason) {
    return new ConfigException(source + ": " + key + ": '" + value + "' " + reason);
  }
}
