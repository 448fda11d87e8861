package io.dualrun.sql;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import org.apache.flink.api.common.RuntimeExecutionMode;
import org.apache.flink.configuration.ExecutionOptions;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.table.api.ResultKind;
import org.apache.flink.table.api.TableEnvironment;
import org.apache.flink.table.api.TableResult;
import org.apache.flink.table.api.internal.TableEnvironmentInternal;
import org.apache.flink.table.catalog.ResolvedSchema;
import org.apache.flink.table.operations.ModifyOperation;
import org.apache.flink.table.operations.Operation;
import org.apache.flink.table.operations.QueryOperation;
import org.apache.flink.table.operations.StatementSetOperation;
import org.apache.flink.table.operations.command.SetOperation;
import org.apache.flink.table.types.logical.VarCharType;
import org.apache.flink.types.Row;
import org.apache.flink.types.RowKind;
import org.apache.flink.util.CloseableIterator;

/**
 * A table environment with every dualrun topic registered as a table (the checked-in DDL with the
 * configured Kafka and registry), running scripts statement by statement. Batch unless a script
 * says {@code SET 'execution.runtime-mode' = 'streaming'}: from there on the session is a streaming
 * one (a fresh environment with the settings made so far).
 */
public final class SqlSession {
  private final FlinkCluster flink;
  private final SqlSettings settings;
  private final Progress progress;
  private TableEnvironment tableEnv;
  private RuntimeExecutionMode mode;

  private SqlSession(
      FlinkCluster flink, SqlSettings settings, Progress progress, RuntimeExecutionMode mode) {
    this.flink = flink;
    this.settings = settings;
    this.progress = progress;
    this.mode = mode;
    this.tableEnv = environment(mode);
  }

  /** A batch session on {@code flink} with the tables of {@link TopicTables#NAMES} registered. */
  public static SqlSession open(FlinkCluster flink, SqlSettings settings) {
    return open(flink, settings, Progress.OFF);
  }

  /** The same, showing {@code progress} while a statement's job runs. */
  public static SqlSession open(FlinkCluster flink, SqlSettings settings, Progress progress) {
    return new SqlSession(flink, settings, progress, RuntimeExecutionMode.BATCH);
  }

  private TableEnvironment environment(RuntimeExecutionMode runtimeMode) {
    TableEnvironment env = flink.newTableEnvironment(runtimeMode);
    registerTables(env, settings);
    return env;
  }

  /**
   * Creates every topic table and the {@link TopicTables#PARITY} table in {@code env} with {@code
   * settings}' Kafka and registry.
   */
  public static void registerTables(TableEnvironment env, SqlSettings settings) {
    for (String table : TopicTables.NAMES) {
      env.executeSql(TopicTables.ddl(table));
      env.executeSql(TopicTables.alterStatement(table, TopicTables.overrides(settings)));
    }
    env.executeSql(TopicTables.ddl(TopicTables.PARITY));
    env.executeSql(
        TopicTables.alterStatement(TopicTables.PARITY, TopicTables.parityOverrides(settings)));
  }

  /**
   * Runs every statement of {@code script} in order; returns the results of the statements that
   * return rows (queries, SHOW, DESCRIBE, EXPLAIN; an INSERT's job id). Stops at the first failing
   * statement.
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

  /**
   * Runs one statement; null when it returns no rows (DDL, SET, …). An INSERT (or statement set)
   * returns its job id: on a session cluster right after submitting it (the job goes on without
   * this process), on the embedded Flink once the job has ended.
   */
  public QueryResult execute(String statement) {
    List<Operation> operations = ((TableEnvironmentInternal) tableEnv).getParser().parse(statement);
    Operation operation = operations.size() == 1 ? operations.get(0) : null;
    if (operation instanceof SetOperation set && set.getKey().isPresent()) {
      // the SQL client's SET, which a TableEnvironment does not run itself
      if (!switchesMode(set)) {
        tableEnv.getConfig().set(set.getKey().get().strip(), set.getValue().orElse("").strip());
      }
      return null;
    }
    boolean runsAJob =
        operation instanceof QueryOperation
            || operation instanceof ModifyOperation
            || operation instanceof StatementSetOperation;
    try (Progress.Tracker tracker = runsAJob ? progress.begin(statement) : Progress.Tracker.NONE) {
      TableResult result = tableEnv.executeSql(statement);
      result.getJobClient().ifPresent(tracker::job);
      if (operation instanceof ModifyOperation || operation instanceof StatementSetOperation) {
        return submitted(statement, result);
      }
      if (result.getResultKind() == ResultKind.SUCCESS) {
        return null;
      }
      return collect(statement, result);
    }
  }

  private static QueryResult collect(String statement, TableResult result) {
    ResolvedSchema schema = result.getResolvedSchema();
    List<QueryResult.Column> columns =
        schema.getColumns().stream()
            .map(c -> new QueryResult.Column(c.getName(), c.getDataType().getLogicalType()))
            .toList();
    List<Row> rows = new ArrayList<>();
    try (CloseableIterator<Row> it = result.collect()) {
      it.forEachRemaining(row -> apply(rows, row));
    } catch (RuntimeException e) {
      throw e;
    } catch (Exception e) {
      throw new SqlScriptException("cannot read the result: " + e.getMessage(), e);
    }
    return new QueryResult(statement, columns, rows);
  }

  /**
   * A streaming query's result is a changelog: insertions and updates add a row, retractions remove
   * an equal one, so that what is printed is the final table (as in batch mode).
   */
  static void apply(List<Row> rows, Row row) {
    RowKind kind = row.getKind();
    if (kind == RowKind.INSERT) {
      rows.add(row);
      return;
    }
    Row plain = Row.copy(row);
    plain.setKind(RowKind.INSERT);
    if (kind == RowKind.UPDATE_AFTER) {
      rows.add(plain);
    } else {
      for (int i = rows.size() - 1; i >= 0; i--) {
        if (Objects.equals(rows.get(i), plain)) {
          rows.remove(i);
          return;
        }
      }
    }
  }

  /** {@code SET 'execution.runtime-mode' = …}: a new environment in that mode, settings kept. */
  private boolean switchesMode(SetOperation set) {
    if (set.getKey().isEmpty()
        || !set.getKey().get().strip().equals(ExecutionOptions.RUNTIME_MODE.key())
        || set.getValue().isEmpty()) {
      return false;
    }
    RuntimeExecutionMode wanted;
    try {
      wanted = RuntimeExecutionMode.valueOf(set.getValue().get().strip().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new SqlScriptException(
          "'execution.runtime-mode' must be 'batch' or 'streaming', got '"
              + set.getValue().get()
              + "'");
    }
    if (wanted != mode) {
      TableEnvironment next = environment(wanted);
      tableEnv.getConfig().getConfiguration().toMap().entrySet().stream()
          .filter(e -> !e.getKey().equals(ExecutionOptions.RUNTIME_MODE.key()))
          .forEach(e -> next.getConfig().getConfiguration().setString(e.getKey(), e.getValue()));
      tableEnv = next;
      mode = wanted;
    }
    return true;
  }

  private QueryResult submitted(String statement, TableResult result) {
    JobClient job =
        result
            .getJobClient()
            .orElseThrow(() -> new SqlScriptException("no job was submitted for: " + statement));
    if (!flink.detached()) {
      try {
        result.await();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new SqlScriptException("interrupted while the job ran", e);
      } catch (Exception e) {
        throw new SqlScriptException(ErrorMessages.describe(e), e);
      }
    }
    return new QueryResult(
        statement,
        List.of(new QueryResult.Column("job_id", new VarCharType(false, 32))),
        List.of(Row.of(job.getJobID().toHexString())));
  }

  public TableEnvironment tableEnvironment() {
    return tableEnv;
  }

  /** The session's current runtime mode. */
  public RuntimeExecutionMode mode() {
    return mode;
  }
}
