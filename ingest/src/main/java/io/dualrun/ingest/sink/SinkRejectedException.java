package io.dualrun.ingest.sink;

/** Kafka refused the records for good (e.g. a record larger than the broker accepts). */
public final class SinkRejectedException extends RuntimeException {
  private static final long serialVersionUID = 1L;
  private final boolean tooLarge;

  public SinkRejectedException(String message, boolean tooLarge, Throwable cause) {
    super(message, cause);
    this.tooLarge = tooLarge;
  }

  public boolean tooLarge() {
    return tooLarge;
  }
}
