package io.dualrun.sql;

import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.flink.table.api.SqlParserException;
import org.apache.flink.table.api.ValidationException;

/** One line saying what went wrong, for a user who does not want a stack trace. */
public final class ErrorMessages {
  private ErrorMessages() {}

  /**
   * As {@link #describe(Throwable)}; with {@code --no-ship-jars}, a class the cluster cannot load
   * says so and how to fix it.
   */
  public static String describe(Throwable error, SqlSettings settings) {
    String described = describe(error);
    if (settings != null && settings.sessionCluster() && !settings.shipJars()) {
      String missing = missingClass(error);
      if (missing != null) {
        return "--no-ship-jars: the session cluster at "
            + settings.flink()
            + " cannot load "
            + missing
            + "; put the jars docs/sql.md lists in its lib/, or drop --no-ship-jars ("
            + described
            + ")";
      }
    }
    return described;
  }

  /** The class named by a ClassNotFoundException or NoClassDefFoundError in the chain, or null. */
  static String missingClass(Throwable error) {
    for (Throwable t = error; t != null && t.getCause() != t; t = t.getCause()) {
      Matcher m = MISSING.matcher(t.toString());
      if (m.find()) {
        return m.group(2);
      }
    }
    return null;
  }

  private static final Pattern MISSING =
      Pattern.compile(
          "(ClassNotFoundException|NoClassDefFoundError|Cannot load user class)[:\\s]+([\\w.$/]+)");

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
