package io.dualrun.hooks.host;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Future;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.errors.NotLeaderOrFollowerException;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

/** A worker's writes wait out passing failures and stop on a record Kafka can never take. */
class WorkerOutputTest {
  /** Fails the next sends with the exceptions queued, then writes. */
  private static final class Failing extends MockProducer<String, String> {
    final Deque<RuntimeException> failures = new ArrayDeque<>();

    Failing(RuntimeException... failures) {
      super(true, null, new StringSerializer(), new StringSerializer());
      this.failures.addAll(List.of(failures));
    }

    @Override
    public synchronized Future<RecordMetadata> send(ProducerRecord<String, String> record) {
      if (!failures.isEmpty()) {
        return CompletableFuture.failedFuture(failures.poll());
      }
      return super.send(record);
    }
  }

  private final ByteArrayOutputStream log = new ByteArrayOutputStream();
  private final List<Duration> waits = new ArrayList<>();

  private WorkerOutput<String, String> output(Failing producer, boolean stopped) {
    return new WorkerOutput<>(
        producer,
        "agent a",
        new PrintStream(log, true, StandardCharsets.UTF_8),
        () -> stopped,
        waits::add);
  }

  @Test
  void passingFailuresAreWaitedOutWithGrowingWaitsAndSaid() throws Exception {
    Failing producer =
        new Failing(
            new NotLeaderOrFollowerException("no leader"),
            new TimeoutException("expired"),
            new TimeoutException("expired"));
    WorkerOutput<String, String> out = output(producer, false);

    out.send(new ProducerRecord<>("dualrun.drill-answers.v1", "k", "v"));

    assertThat(producer.history()).as("written once, in the end").hasSize(1);
    assertThat(out.retries()).isEqualTo(3);
    assertThat(waits)
        .containsExactly(Duration.ofSeconds(1), Duration.ofSeconds(2), Duration.ofSeconds(4));
    assertThat(log.toString(StandardCharsets.UTF_8))
        .contains("dualrun agent a: cannot write to dualrun.drill-answers.v1 now")
        .contains("no leader");
  }

  @Test
  void aRecordKafkaCanNeverTakeStopsTheWorker() {
    Failing producer = new Failing(new RecordTooLargeException("too large"));
    WorkerOutput<String, String> out = output(producer, false);

    assertThatThrownBy(() -> out.send(new ProducerRecord<>("t", "k", "v")))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("cannot write to t: too large");
    assertThat(producer.history()).isEmpty();
  }

  @Test
  void aStoppedWorkerDoesNotWaitOn() {
    Failing producer = new Failing();
    WorkerOutput<String, String> out = output(producer, true);

    assertThatThrownBy(() -> out.send(new ProducerRecord<>("t", "k", "v")))
        .isInstanceOf(InterruptedException.class);
  }

  @Test
  void theWaitGrowsToThirtySecondsAtMost() throws Exception {
    RuntimeException[] many = new RuntimeException[8];
    java.util.Arrays.fill(many, new TimeoutException("expired"));
    output(new Failing(many), false).send(new ProducerRecord<>("t", "k", "v"));
    assertThat(waits).endsWith(Duration.ofSeconds(30), Duration.ofSeconds(30));
    assertThat(waits).allSatisfy(w -> assertThat(w).isLessThanOrEqualTo(Duration.ofSeconds(30)));
  }
}
