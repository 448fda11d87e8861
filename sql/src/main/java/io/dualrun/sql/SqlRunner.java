package io.dualrun.sql;

import java.io.PrintWriter;
import java.util.List;

/**
 * Runs SQL scripts over the dualrun topics on one Flink (embedded, or the session cluster of {@code
 * --flink}): each script gets a fresh session with every table registered, so scripts do not see
 * each other's views or settings.
 */
public final class SqlRunner implements AutoCloseable {
  private final SqlSettings settings;
  private final FlinkCluster flink;
  private Progress progress = Progress.OFF;

  private SqlRunner(SqlSettings settings, FlinkCluster flink) {
    this.settings = settings;
    this.flink = flink;
  }

  /**
   * Starts the embedded Flink, or checks that the session cluster of {@code --flink} answers (Kafka
   * and the registry are only contacted by queries).
   */
  public static SqlRunner start(SqlSettings settings) {
    return new SqlRunner(
        settings,
        settings.sessionCluster()
            ? SessionCluster.connect(settings)
            : EmbeddedFlink.start(settings));
  }

  /** The results of every row-returning statement of {@code script}, in order. */
  public List<QueryResult> query(String script) {
    return session().run(script);
  }

  /** Runs {@code script} and prints each result in {@code format}, a blank line between two. */
  public void run(String script, OutputFormat format, PrintWriter out) {
    ResultPrinter printer = format.printer(new ValueRenderer(settings.timeZone()));
    List<QueryResult> results = query(script);
    for (int i = 0; i < results.size(); i++) {
      if (i > 0) {
        out.println();
      }
      printer.print(results.get(i), out);
    }
    out.flush();
  }

  /** A new session (for several scripts sharing views and settings). */
  public SqlSession session() {
    return SqlSession.open(flink, settings, progress);
  }

  /** Shows {@code progress} while the statements of the following scripts run. */
  public SqlRunner progress(Progress shown) {
    this.progress = shown;
    return this;
  }

  public FlinkCluster flink() {
    return flink;
  }

  public SqlSettings settings() {
    return settings;
  }

  @Override
  public void close() {
    flink.close();
  }
}
