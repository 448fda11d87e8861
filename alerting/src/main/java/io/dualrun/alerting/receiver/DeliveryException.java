package io.dualrun.alerting.receiver;

/**
 * A delivery failed. {@code retryable}: the receiver may accept it later (connection refused,
 * timeout, 429, 5xx); otherwise the receiver refused it for good (other 4xx).
 */
public final class DeliveryException extends Exception {
  private static final long serialVersionUID = 1L;

  private final Integer statusCode;
  private final boolean retryable;

  public DeliveryException(String message, Integer statusCode, boolean retryable) {
    super(message);
    this.statusCode = statusCode;
    this.retryable = retryable;
  }

  public DeliveryException(String message, Throwable cause) {
    super(message, cause);
    this.statusCode = null;
    this.retryable = true;
  }

  public Integer statusCode() {
    return statusCode;
  }

  public boolean retryable() {
    return retryable;
  }
}
