package io.dualrun.reconciler.report;

/** A report could not be produced; the message is one line for the user. */
class ReportException extends Exception {
  private static final long serialVersionUID = 1L;

  ReportException(String message) {
    super(message);
  }
}
