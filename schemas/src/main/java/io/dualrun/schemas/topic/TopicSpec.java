package io.dualrun.schemas.topic;

import java.util.Map;

/**
 * How a topic is created: partition count, replication factor and topic configs.
 *
 * @param partitions number of partitions
 * @param replicationFactor replicas per partition
 * @param configs topic-level configs (cleanup.policy, retention.ms, …)
 */
public record TopicSpec(int partitions, short replicationFactor, Map<String, String> configs) {
  public TopicSpec {
    if (partitions < 1) {
      throw new IllegalArgumentException("partitions must be at least 1, was " + partitions);
    }
    if (replicationFactor < 1) {
      throw new IllegalArgumentException(
          "replication factor must be at least 1, was " + replicationFactor);
    }
    configs = Map.copyOf(configs);
  }
}
