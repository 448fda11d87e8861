package io.dualrun.schemas.topic;

/**
 * Cluster-dependent parts of topic creation.
 *
 * @param partitions partitions of every dualrun topic (pairs are spread over them by key)
 * @param replicationFactor 1 on a single broker, 3 on a production cluster
 */
public record TopicSettings(int partitions, short replicationFactor) {
  public static final TopicSettings SINGLE_NODE = new TopicSettings(6, (short) 1);

  public TopicSettings {
    if (partitions < 1) {
      throw new IllegalArgumentException("topics.partitions must be at least 1, was " + partitions);
    }
    if (replicationFactor < 1) {
      throw new IllegalArgumentException(
          "topics.replication-factor must be at least 1, was " + replicationFactor);
    }
  }
}
