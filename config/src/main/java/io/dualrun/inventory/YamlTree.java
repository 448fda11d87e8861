package io.dualrun.inventory;

import io.dualrun.config.units.Durations;
import java.time.Duration;
import java.util.AbstractMap;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.NodeTuple;
import org.snakeyaml.engine.v2.nodes.ScalarNode;
import org.snakeyaml.engine.v2.nodes.SequenceNode;

/**
 * Typed reads from a YAML node tree that record a {@code file:line: field: reason} problem instead
 * of failing, so that one pass reports every problem of a file.
 */
final class YamlTree {

  private final String source;
  private final List<String> problems;
  private final Map<Node, Integer> keyLines = new java.util.IdentityHashMap<>();

  YamlTree(String source, List<String> problems) {
    this.source = source;
    this.problems = problems;
  }

  String source() {
    return source;
  }

  static int line(Node node) {
    return node == null ? 0 : node.getStartMark().map(m -> m.getLine() + 1).orElse(0);
  }

  static boolean isScalar(Node node) {
    return node instanceof ScalarNode;
  }

  /**
   * The line of the key whose value is {@code node} (the line a reader looks for), else its own.
   */
  int keyLine(Node node) {
    Integer line = keyLines.get(node);
    return line != null ? line : line(node);
  }

  void problem(Node node, String field, String reason) {
    problems.add(source + ":" + keyLine(node) + ": " + field + ": " + reason);
  }

  /** The entries of a mapping node, unknown keys reported. */
  Map<String, Node> mapping(Node node, String path, Set<String> allowed) {
    Map<String, Node> result = new LinkedHashMap<>();
    for (Map.Entry<String, Node> e : entries(node, path)) {
      if (!allowed.contains(e.getKey())) {
        problem(
            e.getValue(),
            join(path, e.getKey()),
            "is not a known key (known: " + String.join(", ", new TreeSet<>(allowed)) + ")");
      } else {
        result.put(e.getKey(), e.getValue());
      }
    }
    return result;
  }

  List<Map.Entry<String, Node>> entries(Node node, String path) {
    List<Map.Entry<String, Node>> result = new ArrayList<>();
    if (!(node instanceof MappingNode mapping)) {
      problem(node, path.isEmpty() ? "(document)" : path, "must be a mapping of key: value");
      return result;
    }
    Set<String> seen = new TreeSet<>();
    for (NodeTuple tuple : mapping.getValue()) {
      String key = scalar(tuple.getKeyNode(), path);
      if (key == null) {
        continue;
      }
      if (!seen.add(key)) {
        problem(tuple.getKeyNode(), join(path, key), "is given twice");
      }
      keyLines.put(tuple.getValueNode(), line(tuple.getKeyNode()));
      result.add(new AbstractMap.SimpleEntry<>(key, tuple.getValueNode()));
    }
    return result;
  }

  List<Node> sequence(Node node, String path) {
    if (node instanceof SequenceNode sequence) {
      return sequence.getValue();
    }
    problem(node, path, "must be a list");
    return List.of();
  }

  String scalar(Node node, String path) {
    if (node instanceof ScalarNode scalar) {
      return scalar.getValue();
    }
    problem(node, path, "must be a single value");
    return null;
  }

  String string(Map<String, Node> m, String path, String key, String fallback) {
    Node node = m.get(key);
    if (node == null) {
      return fallback;
    }
    String value = scalar(node, join(path, key));
    if (value != null && value.isBlank()) {
      problem(node, join(path, key), "must not be empty");
      return fallback;
    }
    return value == null ? fallback : value;
  }

  Duration duration(
      Map<String, Node> m, String path, String key, Duration fallback, boolean negativeAllowed) {
    String text = string(m, path, key, null);
    if (text == null) {
      return fallback;
    }
    Duration d = parseDuration(text);
    if (d == null) {
      problem(
          m.get(key),
          join(path, key),
          "'" + text + "' is not a duration (e.g. 30m, 2h, 1d, -1d, PT1H30M)");
      return fallback;
    }
    if (d.isNegative() && !negativeAllowed) {
      problem(m.get(key), join(path, key), "must not be negative");
      return fallback;
    }
    return d;
  }

  static Duration parseDuration(String text) {
    return Durations.parse(text).orElse(null);
  }

  int intIn(Map<String, Node> m, String path, String key, int fallback, int min, int max) {
    String text = string(m, path, key, null);
    if (text == null) {
      return fallback;
    }
    try {
      int value = Integer.parseInt(text.trim());
      if (value < min || value > max) {
        problem(
            m.get(key),
            join(path, key),
            "must be between " + min + " and " + max + ", was " + value);
        return fallback;
      }
      return value;
    } catch (NumberFormatException e) {
      problem(m.get(key), join(path, key), "'" + text + "' is not a whole number");
      return fallback;
    }
  }

  double ratio(Map<String, Node> m, String path, String key, double fallback) {
    double value = number(m, path, key, fallback);
    if (value < 1.0) {
      problem(
          m.get(key),
          join(path, key),
          "must be 1.0 or more (candidate may be this many times slower), was " + value);
      return fallback;
    }
    return value;
  }

  double nonNegative(Map<String, Node> m, String path, String key, double fallback) {
    double value = number(m, path, key, fallback);
    if (value < 0) {
      problem(m.get(key), join(path, key), "must not be negative, was " + value);
      return fallback;
    }
    return value;
  }

  /** A number strictly between 0 and 1 ({@code 0.05}), or {@code fallback} when absent. */
  java.util.OptionalDouble fraction(
      Map<String, Node> m, String path, String key, java.util.OptionalDouble fallback) {
    if (!m.containsKey(key)) {
      return fallback;
    }
    double value = number(m, path, key, Double.NaN);
    if (Double.isNaN(value)) {
      return fallback;
    }
    if (value <= 0 || value >= 1) {
      problem(
          m.get(key), join(path, key), "must be above 0 and below 1 (0.05 is 5 %), was " + value);
      return fallback;
    }
    return java.util.OptionalDouble.of(value);
  }

  private double number(Map<String, Node> m, String path, String key, double fallback) {
    String text = string(m, path, key, null);
    if (text == null) {
      return fallback;
    }
    try {
      double value = Double.parseDouble(text.trim());
      if (Double.isNaN(value) || Double.isInfinite(value)) {
        throw new NumberFormatException();
      }
      return value;
    } catch (NumberFormatException e) {
      problem(m.get(key), join(path, key), "'" + text + "' is not a number");
      return fallback;
    }
  }

  private static String join(String path, String key) {
    return path.isEmpty() ? key : path + "." + key;
  }
}
