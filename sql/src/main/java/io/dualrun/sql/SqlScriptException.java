package io.dualrun.sql;

/** A problem with what the user asked for, reported as one message without a stack trace. */
public class SqlScriptException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public SqlScriptException(String message) {
    super(message);
  }

  public SqlScriptException(String message, Throwable cause) {
    super(message, cause);
  }
}
