package io.dualrun.config;

import java.util.ArrayList;
import java.util.List;

/**
 * The configuration tables in the docs, between {@code <!-- config:NAME -->} and {@code <!--
 * /config:NAME -->}: generated from a {@link ConfigDef}, so a key declared without its row (or a
 * row left for a key no longer declared) is a difference the build reports.
 */
public final class ConfigDocs {
  private ConfigDocs() {}

  static String begin(String name) {
    return "<!-- config:" + name + " -->";
  }

  static String end(String name) {
    return "<!-- /config:" + name + " -->";
  }

  /** The table {@code markdown} holds for {@code name}; fails when the markers are missing. */
  public static String table(String markdown, String name) {
    int a = markdown.indexOf(begin(name));
    int b = markdown.indexOf(end(name));
    if (a < 0 || b < a) {
      throw new IllegalArgumentException(
          "no " + begin(name) + " … " + end(name) + " block in the document");
    }
    return markdown.substring(a + begin(name).length(), b).strip() + "\n";
  }

  /** {@code markdown} with the block of {@code def} regenerated. */
  public static String regenerate(String markdown, ConfigDef def) {
    return regenerate(markdown, def.name(), def.markdownTable());
  }

  /** {@code markdown} with the block {@code name} replaced by {@code table}. */
  public static String regenerate(String markdown, String name, String table) {
    int a = markdown.indexOf(begin(name));
    int b = markdown.indexOf(end(name));
    if (a < 0 || b < a) {
      throw new IllegalArgumentException("no " + begin(name) + " block in the document");
    }
    return markdown.substring(0, a + begin(name).length()) + "\n" + table + markdown.substring(b);
  }

  /**
   * What differs between the document's table for {@code def} and the declarations: one line per
   * row missing, extra or different. Empty when the document is up to date.
   */
  public static List<String> differences(String markdown, ConfigDef def) {
    return differences(markdown, def.name(), def.markdownTable());
  }

  /** Same, for the block {@code name} against the generated {@code table}. */
  public static List<String> differences(String markdown, String name, String table) {
    List<String> documented = rows(table(markdown, name));
    List<String> declared = rows(table);
    List<String> out = new ArrayList<>();
    for (String row : declared) {
      if (!documented.contains(row)) {
        out.add("missing or different in the docs: " + row);
      }
    }
    for (String row : documented) {
      if (!declared.contains(row)) {
        out.add("in the docs but not declared: " + row);
      }
    }
    return out;
  }

  private static List<String> rows(String table) {
    List<String> rows = new ArrayList<>();
    for (String line : table.split("\n")) {
      if (line.startsWith("| `")) {
        rows.add(line.strip());
      }
    }
    return rows;
  }

  /**
   * What differs between the block {@code name} of the document {@code doc} and {@code table}
   * (empty: up to date). With {@code -Ddualrun.docs.update=true} the block is rewritten first, so a
   * deliberate change of the declarations is one command away from its docs.
   */
  public static List<String> checkFile(java.nio.file.Path doc, String name, String table)
      throws java.io.IOException {
    String text = java.nio.file.Files.readString(doc, java.nio.charset.StandardCharsets.UTF_8);
    if (Boolean.getBoolean("dualrun.docs.update")) {
      text = regenerate(text, name, table);
      java.nio.file.Files.writeString(doc, text, java.nio.charset.StandardCharsets.UTF_8);
    }
    return differences(text, name, table);
  }
}
