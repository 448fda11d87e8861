package io.dualrun.sql;

import org.apache.flink.table.api.SqlParserException;
import org.apache.flink.table.api.ValidationException;

/** One line saying what went wrong, for a user who does not want a stack trace. */
public final class ErrorMessages {
  private ErrorMessages() {}

  public static String describe(Throwable error) {
    for (Throwable t = error; t != null; t = t.getCause()) {
      if (t instanceof SqlScriptException
          || t instanceof ValidationException
          || t instanceof SqlParserException) {
        return firstLine(t.getMessage());
      }
    }
    Throwable root = error;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    String message = root.getMessage() == null ? "" : ": " + firstLine(root.getMessage());
    return "query failed: " + root.getClass().getSimpleName() + message;
  }

  private static String firstLine(String message) {
    if (message == null || message.isBlank()) {
      return "(no message)";
    }
    String line = message.strip();
    int newline = line.indexOf('\n');
    return newline < 0 ? line : line.substring(0, newline).strip();
  }
}
