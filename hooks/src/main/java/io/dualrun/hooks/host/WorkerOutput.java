package io.dualrun.hooks.host;

import io.dualrun.registry.RegistryException;
import java.io.PrintStream;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.errors.RetriableException;

/**
 * How a worker writes its results: a failure that passes (brokers without a leader, a timeout, a
 * registry that cannot answer now) is waited out and the record sent again, with a line saying why,
 * until it is written or the worker stops; only a record Kafka can never take (too large, not
 * serialisable) stops the worker. Its input is committed only after, so nothing is skipped.
 */
public final class WorkerOutput<K, V> {
  static final Duration FIRST_WAIT = Duration.ofSeconds(1);
  static final Duration LONGEST_WAIT = Duration.ofSeconds(30);

  private final Producer<K, V> producer;
  private final String component;
  private final PrintStream log;
  private final BooleanSupplier stopped;
  private final Sleeper sleeper;
  private long retries;

  /** Waits between attempts (a test passes one that does not sleep). */
  @FunctionalInterface
  interface Sleeper {
    void sleep(Duration d) throws InterruptedException;
  }

  public WorkerOutput(
      Producer<K, V> producer, String component, PrintStream log, BooleanSupplier stopped) {
    this(producer, component, log, stopped, d -> Thread.sleep(d.toMillis()));
  }

  WorkerOutput(
      Producer<K, V> producer,
      String component,
      PrintStream log,
      BooleanSupplier stopped,
      Sleeper sleeper) {
    this.producer = producer;
    this.component = component;
    this.log = log;
    this.stopped = stopped;
    this.sleeper = sleeper;
  }

  /**
   * Writes {@code record}, waiting out passing failures.
   *
   * @throws InterruptedException when the worker stops (or is interrupted) before it is written
   * @throws IllegalStateException when Kafka can never take the record
   */
  public RecordMetadata send(ProducerRecord<K, V> record) throws InterruptedException {
    Duration wait = FIRST_WAIT;
    while (true) {
      Throwable failure;
      try {
        return await(producer.send(record));
      } catch (ExecutionException e) {
        failure = e.getCause() == null ? e : e.getCause();
      } catch (RuntimeException e) {
        failure = e;
      }
      if (!passing(failure)) {
        throw new IllegalStateException(
            "cannot write to " + record.topic() + ": " + failure.getMessage(), failure);
      }
      retries++;
      log.println(
          "dualrun "
              + component
              + ": cannot write to "
              + record.topic()
              + " now ("
              + failure
              + "); trying again in "
              + wait.toSeconds()
              + " s");
      sleeper.sleep(wait);
      wait = wait.multipliedBy(2).compareTo(LONGEST_WAIT) > 0 ? LONGEST_WAIT : wait.multipliedBy(2);
    }
  }

  /** Waits for the write, a second at a time, so that a stopped worker does not wait on. */
  private RecordMetadata await(Future<RecordMetadata> future)
      throws ExecutionException, InterruptedException {
    while (true) {
      if (stopped.getAsBoolean()) {
        throw new InterruptedException("stopped before the record was written");
      }
      try {
        return future.get(1, TimeUnit.SECONDS);
      } catch (java.util.concurrent.TimeoutException e) {
        // the producer gives up by itself after its delivery timeout: then it is sent again
      }
    }
  }

  /** A failure that passes: Kafka says it may be retried, or the registry cannot answer now. */
  static boolean passing(Throwable failure) {
    for (Throwable t = failure; t != null && t.getCause() != t; t = t.getCause()) {
      if (t instanceof RetriableException
          || (t instanceof RegistryException r && r.isTransient())) {
        return true;
      }
    }
    return false;
  }

  /** Records sent again after a passing failure, so far. */
  public long retries() {
    return retries;
  }
}
