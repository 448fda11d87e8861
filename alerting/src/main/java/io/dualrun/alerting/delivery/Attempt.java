package io.dualrun.alerting.delivery;

import io.dualrun.schemas.avro.Notification;
import java.time.Instant;

/** One delivery attempt as shown in an alert's history. */
public record Attempt(
    String receiver,
    String receiverType,
    String action,
    String delivery,
    int attempt,
    Integer statusCode,
    String error,
    int partitions,
    Instant time) {

  static Attempt of(Notification n) {
    return new Attempt(
        n.getReceiver(),
        n.getReceiverType(),
        n.getAction().name(),
        n.getDelivery().name(),
        n.getAttempt(),
        n.getStatusCode(),
        n.getError(),
        n.getPartitions().size(),
        n.getTime());
  }
}
