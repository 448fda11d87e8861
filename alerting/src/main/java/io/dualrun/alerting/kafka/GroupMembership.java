package io.dualrun.alerting.kafka;

import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.apache.kafka.clients.consumer.CloseOptions;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.CooperativeStickyAssignor;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Membership of a consumer group (classic protocol, cooperative sticky assignment) that shares the
 * partitions of a topic between the instances of a service without reading them: what a member is
 * assigned is paused at once, and the member only polls to stay in the group. A member that stops
 * heartbeating for the session timeout (killed, stalled) loses its partitions to the others.
 * Assignments and revocations are reported to a {@link Listener} on the membership's thread; the
 * group waits for {@link Listener#revoked} to return before it hands the partitions to another
 * member.
 */
public final class GroupMembership implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(GroupMembership.class);
  private static final Duration POLL = Duration.ofMillis(500);
  private static final Duration CLOSE = Duration.ofSeconds(90);

  /** What the group gives and takes away (partition numbers of the topic). */
  public interface Listener {
    void assigned(Set<Integer> partitions);

    void revoked(Set<Integer> partitions);
  }

  private final KafkaConsumer<byte[], byte[]> consumer;
  private final String group;
  private final Thread thread;
  private volatile boolean running = true;

  private GroupMembership(
      Map<String, Object> clientProperties,
      String group,
      String topic,
      Duration sessionTimeout,
      Listener listener) {
    Map<String, Object> props = new HashMap<>(clientProperties);
    props.put(ConsumerConfig.GROUP_ID_CONFIG, group);
    props.put(ConsumerConfig.GROUP_PROTOCOL_CONFIG, "classic");
    props.put(
        ConsumerConfig.PARTITION_ASSIGNMENT_STRATEGY_CONFIG,
        CooperativeStickyAssignor.class.getName());
    props.put(ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG, (int) sessionTimeout.toMillis());
    props.put(ConsumerConfig.HEARTBEAT_INTERVAL_MS_CONFIG, (int) sessionTimeout.toMillis() / 3);
    props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "latest");
    this.consumer =
        new KafkaConsumer<>(props, new ByteArrayDeserializer(), new ByteArrayDeserializer());
    this.group = group;
    consumer.subscribe(List.of(topic), new Rebalance(listener));
    this.thread = new Thread(this::loop, "group-" + group);
    thread.setDaemon(true);
  }

  /** Joins {@code group}, sharing the partitions of {@code topic} with its other members. */
  public static GroupMembership join(
      Map<String, Object> clientProperties,
      String group,
      String topic,
      Duration sessionTimeout,
      Listener listener) {
    GroupMembership m =
        new GroupMembership(clientProperties, group, topic, sessionTimeout, listener);
    m.thread.start();
    return m;
  }

  private final class Rebalance implements ConsumerRebalanceListener {
    private final Listener listener;

    Rebalance(Listener listener) {
      this.listener = listener;
    }

    @Override
    public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
      consumer.pause(partitions);
      if (!partitions.isEmpty()) {
        listener.assigned(numbers(partitions));
      }
    }

    @Override
    public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
      if (!partitions.isEmpty()) {
        listener.revoked(numbers(partitions));
      }
    }

    @Override
    public void onPartitionsLost(Collection<TopicPartition> partitions) {
      if (!partitions.isEmpty()) {
        LOG.warn(
            "group {}: partitions {} were given to another member (this one was taken for dead)",
            group,
            numbers(partitions));
        listener.revoked(numbers(partitions));
      }
    }
  }

  private static Set<Integer> numbers(Collection<TopicPartition> partitions) {
    Set<Integer> out = new TreeSet<>();
    partitions.forEach(tp -> out.add(tp.partition()));
    return out;
  }

  private void loop() {
    try {
      while (running) {
        try {
          consumer.poll(POLL);
        } catch (WakeupException e) {
          // close() asks the loop to stop
        } catch (RuntimeException e) {
          if (running) {
            LOG.error("group {}: {}; polling again", group, e.toString(), e);
            sleep();
          }
        }
      }
    } finally {
      // leaving the group: the others get this member's partitions at once
      consumer.close(
          CloseOptions.groupMembershipOperation(CloseOptions.GroupMembershipOperation.LEAVE_GROUP)
              .withTimeout(CLOSE));
    }
  }

  private static void sleep() {
    try {
      Thread.sleep(1000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Override
  public void close() {
    running = false;
    consumer.wakeup();
    try {
      thread.join(CLOSE.plusSeconds(10).toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
