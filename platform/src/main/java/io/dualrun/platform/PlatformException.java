package io.dualrun.platform;

/**
 * A platform part could not start or stop. The message is one line saying what and where (port,
 * path); for a child process that failed, the following lines are the tail of its log.
 */
public class PlatformException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public PlatformException(String message) {
    super(message);
  }

  public PlatformException(String message, Throwable cause) {
    super(message, cause);
  }

  /** The first line of the message: what went wrong, without the log tail. */
  public String summary() {
    String message = getMessage();
    int newline = message.indexOf('\n');
    return newline < 0 ? message : message.substring(0, newline);
  }
}
