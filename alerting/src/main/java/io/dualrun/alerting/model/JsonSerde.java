package io.dualrun.alerting.model;

import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;

/** Kafka serde for alerting's internal JSON records; a null value is a tombstone. */
public final class JsonSerde<T> implements Serde<T> {
  private final Class<T> type;

  public JsonSerde(Class<T> type) {
    this.type = type;
  }

  @Override
  public Serializer<T> serializer() {
    return (topic, value) -> value == null ? null : Json.bytes(value);
  }

  @Override
  public Deserializer<T> deserializer() {
    return (topic, data) -> data == null ? null : Json.read(data, type);
  }
}
