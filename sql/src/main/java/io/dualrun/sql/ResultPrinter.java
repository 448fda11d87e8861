package io.dualrun.sql;

import java.io.PrintWriter;

/** Writes a query's rows in one output format. */
public interface ResultPrinter {
  void print(QueryResult result, PrintWriter out);
}
