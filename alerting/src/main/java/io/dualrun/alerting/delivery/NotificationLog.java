package io.dualrun.alerting.delivery;

import io.dualrun.alerting.model.AlertEvent;
import io.dualrun.alerting.receiver.Receiver;
import io.dualrun.schemas.avro.DeliveryResult;
import io.dualrun.schemas.avro.Notification;
import io.dualrun.schemas.avro.NotificationAction;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Records every delivery attempt on dualrun.notifications.v1 (key alertId) and in the view. */
public final class NotificationLog {
  private static final Logger LOG = LoggerFactory.getLogger(NotificationLog.class);

  private final Producer<String, Notification> producer;
  private final String topic;
  private final AlertView view;

  public NotificationLog(Producer<String, Notification> producer, String topic, AlertView view) {
    this.producer = producer;
    this.topic = topic;
    this.view = view;
  }

  public void record(
      AlertEvent e,
      Receiver receiver,
      NotificationAction action,
      DeliveryResult delivery,
      int attempt,
      Integer statusCode,
      String error,
      List<String> partitions,
      Instant time) {
    Notification n =
        Notification.newBuilder()
            .setNotificationId(UUID.randomUUID().toString())
            .setAlertId(e.alertId())
            .setWorkflow(e.workflow())
            .setKind(e.kind())
            .setSeverity(e.severity())
            .setOwner(e.owner())
            .setReceiver(receiver.name())
            .setReceiverType(receiver.type().wire())
            .setAction(action)
            .setDelivery(delivery)
            .setAttempt(attempt)
            .setStatusCode(statusCode)
            .setError(error)
            .setPartitions(partitions)
            .setTime(time)
            .build();
    // not waited for: the delivery ledger, written next and acknowledged before the next delivery,
    // is what a restart relies on; this record is in flight with it (the producer is idempotent
    // and retries until its delivery timeout, and a failure is logged). It never fails the
    // attempt it records: a delivery made is not made again because its record could not be sent.
    try {
      producer.send(
          new ProducerRecord<>(topic, e.alertId(), n),
          (metadata, ex) -> {
            if (ex != null) {
              failed(e, ex);
            }
          });
    } catch (RuntimeException ex) {
      failed(e, ex);
    }
    view.record(n);
  }

  private void failed(AlertEvent e, Exception ex) {
    LOG.error("cannot record a notification of {} on {}: {}", e.alertId(), topic, ex.toString());
  }
}
