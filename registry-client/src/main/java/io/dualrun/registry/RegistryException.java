package io.dualrun.registry;

/** A registry call that failed; {@link #isTransient()} when retrying later may succeed. */
public class RegistryException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final String reason;
  private final boolean transientFailure;
  private final int status;

  /**
   * @param what the call that failed, e.g. "cannot register schema X under S"
   * @param reason why, as the registry or the network said it
   * @param status the registry's HTTP status, or 0 when none came (connection refused, timeout)
   */
  public RegistryException(
      String what, String reason, boolean transientFailure, int status, Throwable cause) {
    super(what + ": " + reason, cause);
    this.reason = reason;
    this.transientFailure = transientFailure;
    this.status = status;
  }

  /** Why the call failed, without saying which call. */
  public String reason() {
    return reason;
  }

  /** True for an outage (no answer, or a 5xx): the same call may succeed later. */
  public boolean isTransient() {
    return transientFailure;
  }

  /** The registry's HTTP status, or 0 when it did not answer. */
  public int status() {
    return status;
  }

  /**
   * True when {@code failure} or one of its causes is a transient registry failure: a record that
   * failed for such a reason is not a bad record, and the caller should wait and retry.
   */
  public static boolean isTransientIn(Throwable failure) {
    for (Throwable t = failure; t != null; t = t.getCause()) {
      if (t instanceof RegistryException e && e.isTransient()) {
        return true;
      }
      if (t.getCause() == t) {
        return false;
      }
    }
    return false;
  }
}
