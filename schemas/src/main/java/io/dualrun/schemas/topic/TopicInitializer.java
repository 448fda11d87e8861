package io.dualrun.schemas.topic;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.TopicExistsException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Creates topics with their configs and returns only once every partition answers {@code
 * listOffsets}: an idempotent producer writing to a partition whose leader is not yet known to
 * every broker can lose records silently (KAFKA-15591), so nothing may produce before this returns.
 */
public final class TopicInitializer {
  private static final Logger LOG = LoggerFactory.getLogger(TopicInitializer.class);

  private TopicInitializer() {}

  /** Creates the missing topics among {@code topics} and waits until all of them are usable. */
  public static void ensure(Admin admin, Collection<Topic<?, ?>> topics, Duration timeout) {
    Map<String, TopicSpec> specs = new HashMap<>();
    topics.forEach(t -> specs.put(t.name(), t.spec()));
    ensureSpecs(admin, specs, timeout);
  }

  /** Same as {@link #ensure} for topics given by name and spec (internal or test topics). */
  public static void ensureSpecs(Admin admin, Map<String, TopicSpec> specs, Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    create(admin, specs, timeout);
    waitUsable(admin, specs.keySet(), deadline);
  }

  private static void create(Admin admin, Map<String, TopicSpec> specs, Duration timeout) {
    List<NewTopic> wanted = new ArrayList<>();
    specs.forEach(
        (name, spec) ->
            wanted.add(
                new NewTopic(name, spec.partitions(), spec.replicationFactor())
                    .configs(spec.configs())));
    var result = admin.createTopics(wanted);
    for (NewTopic topic : wanted) {
      try {
        result.values().get(topic.name()).get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        LOG.info("created topic {} ({} partitions)", topic.name(), topic.numPartitions());
      } catch (ExecutionException e) {
        if (!(e.getCause() instanceof TopicExistsException)) {
          throw new IllegalStateException(
              "cannot create topic " + topic.name() + ": " + e.getCause().getMessage(), e);
        }
      } catch (TimeoutException e) {
        throw new IllegalStateException(
            "Kafka did not create topic " + topic.name() + " within " + timeout, e);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted while creating topics", e);
      }
    }
  }

  private static void waitUsable(Admin admin, Collection<String> names, long deadline) {
    Exception last = null;
    while (System.nanoTime() < deadline) {
      try {
        Map<String, TopicDescription> descriptions =
            admin.describeTopics(names).allTopicNames().get(5, TimeUnit.SECONDS);
        Map<TopicPartition, OffsetSpec> request = new HashMap<>();
        descriptions.forEach(
            (name, d) ->
                d.partitions()
                    .forEach(
                        p ->
                            request.put(
                                new TopicPartition(name, p.partition()), OffsetSpec.latest())));
        admin.listOffsets(request).all().get(5, TimeUnit.SECONDS);
        return;
      } catch (ExecutionException | TimeoutException e) {
        last = e;
        sleep();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted while waiting for topics", e);
      }
    }
    throw new IllegalStateException(
        "topics " + names + " did not answer listOffsets in time: " + last, last);
  }

  private static void sleep() {
    try {
      Thread.sleep(100);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
