package io.dualrun.sql;

import java.util.ArrayList;
import java.util.List;
import org.apache.flink.table.api.ResultKind;
import org.apache.flink.table.api.TableEnvironment;
import org.apache.flink.table.api.TableResult;
import org.apache.flink.table.catalog.ResolvedSchema;
import org.apache.flink.types.Row;
import org.apache.flink.util.CloseableIterator;

/**
 * A batch table environment with every dualrun topic registered as a table (the checked-in DDL with
 * the configured Kafka and registry), running scripts statement by statement.
 */
public final class SqlSession {
  private final TableEnvironment tableEnv;

  private SqlSession(TableEnvironment tableEnv) {
    this.tableEnv = tableEnv;
  }

  /** A session on {@code flink} with the tables of {@link TopicTables#NAMES} registered. */
  public static SqlSession open(EmbeddedFlink flink, SqlSettings settings) {
    TableEnvironment env = flink.newTableEnvironment();
    registerTables(env, settings);
    return new SqlSession(env);
  }

  /** Creates every topic table in {@code env} with {@code settings}' Kafka and registry. */
  public static void registerTables(TableEnvironment env, SqlSettings settings) {
    for (String table : TopicTables.NAMES) {
      env.executeSql(TopicTables.ddl(table));
      env.executeSql(TopicTables.alterStatement(table, TopicTables.overrides(settings)));
    }
  }

  /**
   * Runs every statement of {@code script} in order; returns the results of the statements that
   * return rows (queries, SHOW, DESCRIBE, EXPLAIN). Stops at the first failing statement.
   */
  public List<QueryResult> run(String script) {
    List<String> statements = StatementSplitter.split(script);
    if (statements.isEmpty()) {
      throw new SqlScriptException("no SQL statement given");
    }
    List<QueryResult> results = new ArrayList<>();
    for (String statement : statements) {
      QueryResult result = execute(statement);
      if (result != null) {
        results.add(result);
      }
    }
    return results;
  }

  /** Runs one statement; null when it returns no rows (DDL, SET, …). */
  public QueryResult execute(String statement) {
    TableResult result = tableEnv.executeSql(statement);
    if (result.getResultKind() == ResultKind.SUCCESS) {
      return null;
    }
    ResolvedSchema schema = result.getResolvedSchema();
    List<QueryResult.Column> columns =
        schema.getColumns().stream()
            .map(c -> new QueryResult.Column(c.getName(), c.getDataType().getLogicalType()))
            .toList();
    List<Row> rows = new ArrayList<>();
    try (CloseableIterator<Row> it = result.collect()) {
      it.forEachRemaining(rows::add);
    } catch (RuntimeException e) {
      throw e;
    } catch (Exception e) {
      throw new SqlScriptException("cannot read the result: " + e.getMessage(), e);
    }
    return new QueryResult(statement, columns, rows);
  }

  public TableEnvironment tableEnvironment() {
    return tableEnv;
  }
}
