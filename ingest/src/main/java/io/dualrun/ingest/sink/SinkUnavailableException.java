package io.dualrun.ingest.sink;

/** Kafka (or the schema registry) could not take the write in time; retrying later may work. */
public final class SinkUnavailableException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public SinkUnavailableException(String message, Throwable cause) {
    super(message, cause);
  }
}
