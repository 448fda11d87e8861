package io.dualrun.alerting.receiver;

/** One destination of alerts. Implementations are small adapters of {@link ReceiverRequest}. */
public interface Receiver {
  String name();

  ReceiverType type();

  /** Whether firing alerts must be re-sent periodically (Alertmanager). */
  default boolean resendsWhileFiring() {
    return false;
  }

  /**
   * Sends one alert emission.
   *
   * @return the peer's status code (HTTP status, or 250 for SMTP)
   * @throws DeliveryException when the peer did not accept it
   */
  int deliver(ReceiverRequest outgoing) throws DeliveryException;
}
