package io.dualrun.service.probe;

import io.dualrun.config.CommonSettings;
import java.time.Duration;
import java.util.List;

/** The checks every service's {@code /ready} makes: its output topics writable, the registry up. */
public final class StandardChecks {
  /** How long one check may take. */
  public static final Duration TIMEOUT = Duration.ofSeconds(2);

  private StandardChecks() {}

  public static List<ReadinessCheck> of(CommonSettings common, List<String> writtenTopics) {
    var registry = common.registry();
    return List.of(
        new KafkaWritable(common.kafkaClientProperties(), writtenTopics, TIMEOUT),
        new RegistryReachable(registry.url(), registry.username(), registry.password(), TIMEOUT));
  }
}
