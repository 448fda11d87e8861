package io.dualrun.config;

import io.dualrun.config.units.Durations;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One configuration key, declared once: its name, type, default, validation and documentation.
 * Reading it ({@link #from}) validates and names the file and the key on a bad value; the docs'
 * configuration tables are generated from the declarations ({@link ConfigDef#markdownTable}).
 *
 * @param <T> the value's type
 */
public final class ConfigKey<T> {
  /** How a value is read from a {@link ConfigMap}. */
  @FunctionalInterface
  interface Reader<T> {
    T read(ConfigMap c, String name, T fallback);
  }

  private final String name;
  private final String type;
  private final T defaultValue;
  private final String defaultDoc;
  private final String doc;
  private final Reader<T> reader;

  private ConfigKey(
      String name, String type, T defaultValue, String defaultDoc, String doc, Reader<T> reader) {
    this.name = Objects.requireNonNull(name, "name");
    this.type = type;
    this.defaultValue = defaultValue;
    this.defaultDoc = defaultDoc;
    this.doc = Objects.requireNonNull(doc, "doc");
    this.reader = reader;
  }

  public static ConfigKey<String> string(String name, String defaultValue, String doc) {
    return new ConfigKey<>(name, "string", defaultValue, null, doc, ConfigMap::string);
  }

  public static ConfigKey<Integer> integer(
      String name, int defaultValue, int min, int max, String doc) {
    return new ConfigKey<>(
        name, "integer", defaultValue, null, doc, (c, n, f) -> c.integer(n, f, min, max));
  }

  public static ConfigKey<Integer> port(String name, int defaultValue, String doc) {
    return new ConfigKey<>(name, "port", defaultValue, null, doc, ConfigMap::port);
  }

  public static ConfigKey<Boolean> bool(String name, boolean defaultValue, String doc) {
    return new ConfigKey<>(name, "boolean", defaultValue, null, doc, ConfigMap::bool);
  }

  /** A duration (500ms, 30s, 5m, 2h, 1d or ISO-8601) of at least {@code min}. */
  public static ConfigKey<Duration> duration(
      String name, Duration defaultValue, Duration min, String doc) {
    return new ConfigKey<>(
        name,
        "duration",
        defaultValue,
        null,
        doc,
        (c, n, f) -> {
          Duration d = c.duration(n, f);
          if (d != null && d.compareTo(min) < 0) {
            throw new ConfigException(
                c.source()
                    + ": "
                    + n
                    + ": must be at least "
                    + (min.isZero() ? "0" : Durations.format(min)));
          }
          return d;
        });
  }

  /** A list (YAML sequence); empty when not set. */
  public static ConfigKey<List<?>> list(String name, String doc) {
    return new ConfigKey<>(name, "list", List.of(), "—", doc, (c, n, f) -> c.list(n));
  }

  /** A free-form mapping, values as strings; empty when not set. */
  public static ConfigKey<Map<String, String>> map(String name, String doc) {
    return new ConfigKey<>(name, "map", Map.of(), "—", doc, (c, n, f) -> c.stringMap(n));
  }

  /** The same key, its default shown in the docs as {@code text} (e.g. "derived at start"). */
  public ConfigKey<T> defaultShownAs(String text) {
    return new ConfigKey<>(name, type, defaultValue, text, doc, reader);
  }

  /** The value in {@code c}, or the default; validated. */
  public T from(ConfigMap c) {
    return reader.read(c, name, defaultValue);
  }

  /** The value in {@code c}, or {@code fallback} (a default that depends on other keys). */
  public T from(ConfigMap c, T fallback) {
    return reader.read(c, name, fallback);
  }

  /** Whether {@code c} sets this key. */
  public boolean isSetIn(ConfigMap c) {
    return c.has(name);
  }

  public String name() {
    return name;
  }

  public String type() {
    return type;
  }

  public T defaultValue() {
    return defaultValue;
  }

  public String doc() {
    return doc;
  }

  /** The default as the docs show it. */
  public String defaultText() {
    if (defaultDoc != null) {
      return defaultDoc;
    }
    if (defaultValue == null) {
      return "—";
    }
    if (defaultValue instanceof Duration d) {
      return "`" + Durations.format(d) + "`";
    }
    if (defaultValue instanceof String s) {
      return "`" + s + "`";
    }
    return "`" + defaultValue + "`";
  }

  @Override
  public String toString() {
    return name;
  }
}
