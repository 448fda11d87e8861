package io.dualrun.sql;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The checked-in DDL of every dualrun topic ({@code sql/ddl/*.sql}, packaged under {@code
 * io/dualrun/sql/ddl/}) and the options {@code dualrun sql} sets on top of them.
 */
public final class TopicTables {
  /**
   * Table name to its DDL file name (without {@code .sql}), in the order of the topic catalog. The
   * freshness table is {@code freshness_breaches}: FRESHNESS is a reserved word in Flink SQL.
   */
  public static final Map<String, String> FILES = files();

  /** Table names, in the order of the topic catalog. */
  public static final List<String> NAMES = List.copyOf(FILES.keySet());

  /**
   * The parity table per workflow (upsert-kafka over {@code dualrun.parity.v1}), written by the
   * shipped job {@code jobs/parity_per_workflow.sql}; not one of {@link #NAMES}, whose topics the
   * services write.
   */
  public static final String PARITY = "parity";

  private static final String RESOURCE_DIR = "/io/dualrun/sql/ddl/";

  private TopicTables() {}

  private static Map<String, String> files() {
    Map<String, String> files = new LinkedHashMap<>();
    files.put("run_events", "run_events");
    files.put("fingerprints", "fingerprints");
    files.put("verdicts", "verdicts");
    files.put("mismatches", "mismatches");
    files.put("freshness_breaches", "freshness");
    files.put("notifications", "notifications");
    files.put("diffs", "diffs");
    return java.util.Collections.unmodifiableMap(files);
  }

  /** The {@code CREATE TABLE} statement of {@code table}, exactly as checked in. */
  public static String ddl(String table) {
    if (!NAMES.contains(table) && !PARITY.equals(table)) {
      throw new IllegalArgumentException("no DDL for table " + table + "; known: " + NAMES);
    }
    String resource = RESOURCE_DIR + (PARITY.equals(table) ? PARITY : FILES.get(table)) + ".sql";
    try (InputStream in = TopicTables.class.getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException("resource " + resource + " is missing from the classpath");
      }
      List<String> statements =
          StatementSplitter.split(new String(in.readAllBytes(), StandardCharsets.UTF_8));
      if (statements.size() != 1) {
        throw new IllegalStateException(
            resource + " must hold one statement, holds " + statements.size());
      }
      return statements.get(0);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + resource, e);
    }
  }

  /**
   * Options replacing the DDL's standalone defaults: where Kafka and the registry are, and reading
   * every topic from its earliest to its latest offset (a bounded source, for batch mode), and only
   * committed records: {@code properties.isolation.level} is always {@code read_committed},
   * whatever {@code kafka.properties} say, so that rows of aborted transactions are never counted.
   */
  public static Map<String, String> overrides(SqlSettings settings) {
    Map<String, String> options = new LinkedHashMap<>();
    options.put("properties.bootstrap.servers", settings.bootstrapServers());
    options.put("value.avro-confluent.url", settings.registryUrl());
    options.put("scan.startup.mode", "earliest-offset");
    options.put("scan.bounded.mode", "latest-offset");
    settings.kafkaProperties().forEach((key, value) -> options.put("properties." + key, value));
    options.put("properties.isolation.level", "read_committed");
    return options;
  }

  /**
   * The options of the {@link #PARITY} table: Kafka and the registry as for the other tables, and
   * bounded at the latest offsets for a reading query (upsert-kafka always starts at the earliest).
   */
  public static Map<String, String> parityOverrides(SqlSettings settings) {
    Map<String, String> options = new LinkedHashMap<>(overrides(settings));
    options.remove("scan.startup.mode");
    return options;
  }

  /** {@code ALTER TABLE … SET (…)} applying {@link #overrides}. */
  public static String alterStatement(String table, Map<String, String> options) {
    StringBuilder sql = new StringBuilder("ALTER TABLE `").append(table).append("` SET (");
    String separator = "";
    for (Map.Entry<String, String> option : options.entrySet()) {
      sql.append(separator)
          .append(literal(option.getKey()))
          .append(" = ")
          .append(literal(option.getValue()));
      separator = ", ";
    }
    return sql.append(')').toString();
  }

  static String literal(String value) {
    return "'" + value.replace("'", "''") + "'";
  }
}
