package io.dualrun.reconciler.copies;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.LagInfo;
import org.apache.kafka.streams.ThreadMetadata;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * How ready this instance is to take over another's pairs: {@code dualrun_reconciler_active_tasks}
 * and {@code dualrun_reconciler_standby_tasks} (the tasks it holds, active and as standby copies)
 * and {@code dualrun_reconciler_store_lag_records} (records the local copies, standby or active
 * still restoring, are behind their changelogs, summed). The lag needs the changelogs' end offsets
 * from the brokers, so it is sampled every {@link #PERIOD} on a thread of its own, never on a
 * scrape; it is NaN until the first sample and while Kafka Streams is not running.
 */
public final class LocalCopies implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(LocalCopies.class);

  /** How often the lag is sampled. */
  public static final Duration PERIOD = Duration.ofSeconds(2);

  private final Supplier<KafkaStreams> streams;
  private final ScheduledExecutorService sampler =
      Executors.newSingleThreadScheduledExecutor(
          r -> {
            Thread t = new Thread(r, "reconciler-copies");
            t.setDaemon(true);
            return t;
          });
  private volatile double lag = Double.NaN;

  private LocalCopies(Supplier<KafkaStreams> streams) {
    this.streams = streams;
  }

  /** Registers both gauges in {@code metrics} and starts sampling. */
  public static LocalCopies watch(Supplier<KafkaStreams> streams, MeterRegistry metrics) {
    LocalCopies copies = new LocalCopies(streams);
    Gauge.builder("dualrun.reconciler.active.tasks", copies, c -> c.tasks(true))
        .description("tasks this instance processes (active)")
        .register(metrics);
    Gauge.builder("dualrun.reconciler.standby.tasks", copies, c -> c.tasks(false))
        .description("standby copies of tasks held by this instance")
        .register(metrics);
    Gauge.builder("dualrun.reconciler.store.lag.records", copies, c -> c.lag)
        .description(
            "records the local copies (standby, or active still restoring) are behind their"
                + " changelogs, summed; sampled every "
                + PERIOD.toSeconds()
                + " s")
        .register(metrics);
    copies.sampler.scheduleWithFixedDelay(
        copies::sample, 0, PERIOD.toMillis(), TimeUnit.MILLISECONDS);
    return copies;
  }

  private double tasks(boolean active) {
    KafkaStreams s = running();
    if (s == null) {
      return Double.NaN;
    }
    return s.metadataForLocalThreads().stream()
        .mapToInt((ThreadMetadata t) -> (active ? t.activeTasks() : t.standbyTasks()).size())
        .sum();
  }

  private void sample() {
    KafkaStreams s = running();
    if (s == null) {
      lag = Double.NaN;
      return;
    }
    try {
      lag = total(s.allLocalStorePartitionLags());
    } catch (RuntimeException e) {
      // brokers unreachable or a rebalance under way: keep the last sample, try again later
      LOG.debug("cannot sample the local stores' lag: {}", e.toString());
    }
  }

  static double total(Map<String, Map<Integer, LagInfo>> lags) {
    return lags.values().stream()
        .flatMap(byPartition -> byPartition.values().stream())
        .mapToLong(LagInfo::offsetLag)
        .sum();
  }

  private KafkaStreams running() {
    KafkaStreams s = streams.get();
    return s != null && s.state().isRunningOrRebalancing() ? s : null;
  }

  @Override
  public void close() {
    sampler.shutdownNow();
  }
}
