package io.dualrun.sql;

import java.io.PrintWriter;
import java.util.List;

/**
 * Runs SQL scripts over the dualrun topics on one embedded Flink: each script gets a fresh session
 * with every table registered, so scripts do not see each other's views or settings.
 */
public final class SqlRunner implements AutoCloseable {
  private final SqlSettings settings;
  private final EmbeddedFlink flink;

  private SqlRunner(SqlSettings settings, EmbeddedFlink flink) {
    this.settings = settings;
    this.flink = flink;
  }

  /** Starts the embedded Flink (Kafka and the registry are only contacted by queries). */
  public static SqlRunner start(SqlSettings settings) {
    return new SqlRunner(settings, EmbeddedFlink.start(settings));
  }

  /** The results of every row-returning statement of {@code script}, in order. */
  public List<QueryResult> query(String script) {
    return SqlSession.open(flink, settings).run(script);
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

  public SqlSettings settings() {
    return settings;
  }

  @Override
  public void close() {
    flink.close();
  }
}
