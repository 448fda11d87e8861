package io.dualrun.cli.demo;

import io.dualrun.alerting.kafka.TopicReader;
import io.dualrun.alerting.model.AlertEvent;
import io.dualrun.alerting.model.JsonSerde;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.serialization.Deserializer;

/**
 * Every announcement alerting decided, read from its alerts topic from the start: what the demo
 * prints of the alerts. Receivers get the latest version of each alert (a newer version replaces
 * one still waiting for delivery), so what a webhook receives depends on delivery timing; what
 * alerting decided does not.
 */
public final class AlertLog {
  private AlertLog() {}

  /** The topic's committed records up to its end now, in order. */
  public static List<AlertEvent> read(Map<String, Object> kafka, String topic) {
    Deserializer<AlertEvent> events = new JsonSerde<>(AlertEvent.class).deserializer();
    List<AlertEvent> out = new ArrayList<>();
    TopicReader.readToEnd(
        kafka,
        topic,
        r -> {
          if (r.value() != null) {
            out.add(events.deserialize(topic, r.value()));
          }
        });
    return out;
  }
}
