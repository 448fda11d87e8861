package io.dualrun.alerting.delivery;

import io.dualrun.alerting.model.AlertEvent;
import io.dualrun.alerting.receiver.Receiver;
import io.dualrun.schemas.avro.DeliveryResult;
import io.dualrun.schemas.avro.Notification;
import io.dualrun.schemas.avro.NotificationAction;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;

/** Records every delivery attempt on dualrun.notifications.v1 (key alertId) and in the view. */
public final class NotificationLog {
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
    try {
      producer.send(new ProducerRecord<>(topic, e.alertId(), n)).get(30, TimeUnit.SECONDS);
    } catch (ExecutionException | TimeoutException ex) {
      throw new IllegalStateException("cannot record a notification on " + topic + ": " + ex, ex);
    } catch (InterruptedException ex) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted recording a notification", ex);
    }
    view.record(n);
  }
}
