package io.dualrun.sql;

import static org.assertj.core.api.Assertions.assertThat;

import io.dualrun.schemas.avro.FreshnessBreach;
import io.dualrun.schemas.avro.Notification;
import io.dualrun.schemas.avro.OutputFingerprint;
import io.dualrun.schemas.avro.RunEvent;
import io.dualrun.schemas.avro.Verdict;
import io.dualrun.schemas.topic.TopicCatalog;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.apache.avro.Schema;
import org.apache.avro.SchemaNormalization;
import org.apache.flink.table.api.EnvironmentSettings;
import org.apache.flink.table.api.TableEnvironment;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The checked-in DDL matches the Avro schemas and the topic catalog, and Flink accepts every table
 * and every shipped query (planning checks the column types against the reader schema; no Kafka is
 * contacted).
 */
class DdlFilesTest {
  private static final Map<String, Schema> SCHEMAS =
      Map.of(
          "run_events", RunEvent.getClassSchema(),
          "fingerprints", OutputFingerprint.getClassSchema(),
          "verdicts", Verdict.getClassSchema(),
          "mismatches", Verdict.getClassSchema(),
          "freshness_breaches", FreshnessBreach.getClassSchema(),
          "notifications", Notification.getClassSchema(),
          "diffs", io.dualrun.schemas.avro.DiffReport.getClassSchema());
  private static final Map<String, String> TOPICS =
      Map.of(
          "run_events", TopicCatalog.RUN_EVENTS,
          "fingerprints", TopicCatalog.FINGERPRINTS,
          "verdicts", TopicCatalog.VERDICTS,
          "mismatches", TopicCatalog.MISMATCHES,
          "freshness_breaches", TopicCatalog.FRESHNESS,
          "notifications", TopicCatalog.NOTIFICATIONS,
          "diffs", TopicCatalog.DIFFS);

  private static TableEnvironment env;

  @BeforeAll
  static void registerTables() {
    env = TableEnvironment.create(EnvironmentSettings.inBatchMode());
    SqlSession.registerTables(env, SqlSettings.defaults());
  }

  static List<String> tables() {
    return TopicTables.NAMES;
  }

  @ParameterizedTest
  @MethodSource("tables")
  void readerSchemaIsTheRecordsSchema(String table) {
    String embedded =
        option(TopicTables.ddl(table), "value.avro-confluent.schema").replace("''", "'");
    Schema schema = new Schema.Parser().parse(embedded);
    assertThat(SchemaNormalization.parsingFingerprint64(schema))
        .as("the reader schema in %s.sql is %s's schema", table, SCHEMAS.get(table).getName())
        .isEqualTo(SchemaNormalization.parsingFingerprint64(SCHEMAS.get(table)));
  }

  @ParameterizedTest
  @MethodSource("tables")
  void ddlUsesTheCatalogTopicAndTheStandaloneDefaults(String table) {
    String ddl = TopicTables.ddl(table);
    assertThat(option(ddl, "topic")).isEqualTo(TOPICS.get(table));
    assertThat(option(ddl, "properties.bootstrap.servers"))
        .isEqualTo(SqlSettings.DEFAULT_BOOTSTRAP_SERVERS);
    assertThat(option(ddl, "value.avro-confluent.url")).isEqualTo(SqlSettings.DEFAULT_REGISTRY_URL);
    assertThat(option(ddl, "value.format")).isEqualTo("avro-confluent");
    assertThat(option(ddl, "key.format")).isEqualTo("raw");
    assertThat(option(ddl, "scan.startup.mode")).isEqualTo("earliest-offset");
    assertThat(option(ddl, "properties.isolation.level")).isEqualTo("read_committed");
  }

  @ParameterizedTest
  @MethodSource("tables")
  void flinkPlansAReadOfEveryColumn(String table) {
    String plan = env.explainSql("SELECT * FROM " + table);
    assertThat(plan).contains("TableSourceScan").contains(table);
  }

  @Test
  void overridesReachTheRegisteredTables() {
    SqlSettings settings =
        SqlSettings.defaults().withKafka("kafka-1:9093,kafka-2:9093", "https://registry:8443/x");
    TableEnvironment local = TableEnvironment.create(EnvironmentSettings.inBatchMode());
    SqlSession.registerTables(local, settings);
    List<String> options =
        local.executeSql("SHOW CREATE TABLE verdicts").collect().next().getField(0)
                instanceof String s
            ? List.of(s)
            : List.of();
    assertThat(options).hasSize(1);
    assertThat(options.get(0))
        .contains("'properties.bootstrap.servers' = 'kafka-1:9093,kafka-2:9093'")
        .contains("'value.avro-confluent.url' = 'https://registry:8443/x'")
        .contains("'scan.bounded.mode' = 'latest-offset'")
        .contains("'properties.isolation.level' = 'read_committed'");
  }

  @Test
  void analystsNeverReadUncommittedRecordsEvenWhenAskedTo() {
    SqlSettings settings =
        new SqlSettings(
            "kafka:9092",
            "http://registry:8081/apis/ccompat/v7",
            Map.of("isolation.level", "read_uncommitted", "security.protocol", "SSL"),
            1,
            null,
            null,
            null);
    Map<String, String> options = TopicTables.overrides(settings);
    assertThat(options)
        .containsEntry("properties.isolation.level", "read_committed")
        .containsEntry("properties.security.protocol", "SSL");
  }

  static Stream<Path> shippedQueries() throws IOException {
    return Files.list(Path.of("queries")).filter(p -> p.toString().endsWith(".sql")).sorted();
  }

  @ParameterizedTest
  @MethodSource("shippedQueries")
  void everyShippedQueryPlansAndSaysWhatItAnswers(Path file) throws IOException {
    String text = Files.readString(file);
    assertThat(text).as("%s starts with the question it answers", file).startsWith("-- Question: ");
    List<String> statements = StatementSplitter.split(text);
    assertThat(statements).hasSize(1);
    assertThat(env.explainSql(statements.get(0))).contains("TableSourceScan");
  }

  @Test
  void theParityJobPlansAsAContinuousUpsertIntoItsTopic() throws IOException {
    String ddl = TopicTables.ddl(TopicTables.PARITY);
    assertThat(option(ddl, "connector")).isEqualTo("upsert-kafka");
    assertThat(option(ddl, "topic")).isEqualTo("dualrun.parity.v1");
    assertThat(option(ddl, "properties.bootstrap.servers"))
        .isEqualTo(SqlSettings.DEFAULT_BOOTSTRAP_SERVERS);
    assertThat(option(ddl, "value.avro-confluent.url")).isEqualTo(SqlSettings.DEFAULT_REGISTRY_URL);

    List<String> statements =
        StatementSplitter.split(Files.readString(Path.of("jobs", "parity_per_workflow.sql")));
    assertThat(statements.get(0))
        .as("the job switches to streaming first")
        .endsWith("\nSET 'execution.runtime-mode' = 'streaming'");
    TableEnvironment streaming = TableEnvironment.create(EnvironmentSettings.inStreamingMode());
    SqlSession.registerTables(streaming, SqlSettings.defaults());
    String insert = null;
    for (String statement : statements.subList(1, statements.size())) {
      Matcher set = Pattern.compile("(?s).*SET '([^']+)' = '([^']+)'").matcher(statement);
      if (statement.contains("INSERT INTO parity")) {
        insert = statement;
      } else if (set.matches()) {
        streaming.getConfig().set(set.group(1), set.group(2));
      } else {
        streaming.executeSql(statement);
      }
    }
    assertThat(insert).as("the job's INSERT").isNotNull();
    assertThat(streaming.executeSql("SHOW CREATE TABLE verdicts").collect().next().getField(0) + "")
        .as("the job reads verdicts without an end")
        .doesNotContain("scan.bounded.mode");
    String plan = streaming.explainSql(insert);
    assertThat(plan)
        .contains("Sink(table=[default_catalog.default_database.parity]")
        .contains("TableSourceScan(table=[[default_catalog, default_database, verdicts");
  }

  @Test
  void sixQueriesAreShipped() throws IOException {
    assertThat(shippedQueries().map(p -> p.getFileName().toString()))
        .containsExactly(
            "freshness_lag.sql",
            "parity_rate.sql",
            "pending_partitions.sql",
            "slower_candidate.sql",
            "top_differing_columns.sql",
            "top_differing_outputs.sql");
  }

  private static String option(String ddl, String key) {
    Matcher m =
        Pattern.compile("'" + Pattern.quote(key) + "'\\s*=\\s*'((?:[^']++|'')*+)'").matcher(ddl);
    assertThat(m.find()).as("option %s in %s", key, ddl.lines().findFirst().orElse("")).isTrue();
    return m.group(1);
  }
}
