package io.dualrun.reconciler.stream;

import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;

/** The value serde of {@link StoreNames#FINGERPRINT_LAGS}: a list of longs (Kafka's list serde). */
public final class FingerprintLagsSerde {
  private FingerprintLagsSerde() {}

  @SuppressWarnings("unchecked")
  public static Serde<List<Long>> lags() {
    return Serdes.ListSerde(ArrayList.class, Serdes.Long());
  }
}
