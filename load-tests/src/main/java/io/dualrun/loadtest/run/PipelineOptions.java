package io.dualrun.loadtest.run;

import java.nio.file.Path;
import java.time.Duration;

/**
 * How a {@link LocalPipeline} is set up.
 *
 * @param workDir configuration files, state directories and child logs go here
 * @param inventory the generated {@code workflows.yaml}
 * @param topicPartitions partitions of the catalog topics
 * @param replay reconciler in replay mode (event time) rather than live
 * @param groupWait alerting's group wait
 * @param idPrefix prefixes application ids, so runs on one broker do not share state
 * @param reconcilerCommit the reconciler's transaction commit interval
 * @param alertingCommit alerting's transaction commit interval
 */
public record PipelineOptions(
    Path workDir,
    Path inventory,
    int topicPartitions,
    boolean replay,
    Duration groupWait,
    String idPrefix,
    Duration reconcilerCommit,
    Duration alertingCommit) {
  /** Commits every 100 ms, as Kafka Streams does with exactly-once by default. */
  public PipelineOptions(
      Path workDir,
      Path inventory,
      int topicPartitions,
      boolean replay,
      Duration groupWait,
      String idPrefix) {
    this(
        workDir,
        inventory,
        topicPartitions,
        replay,
        groupWait,
        idPrefix,
        Duration.ofMillis(100),
        Duration.ofMillis(100));
  }
}
