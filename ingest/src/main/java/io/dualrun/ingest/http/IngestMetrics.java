package io.dualrun.ingest.http;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.concurrent.TimeUnit;

/**
 * The ingest service's meters: {@code dualrun_ingest_requests_total{endpoint,status}}, {@code
 * dualrun_ingest_records_total{kind}} (records stored), {@code
 * dualrun_ingest_lineage_unmapped_total}, {@code dualrun_ingest_lineage_ignored_total} and {@code
 * dualrun_ingest_write_seconds} (time Kafka took to acknowledge a request's records).
 */
public final class IngestMetrics {
  private final MeterRegistry registry;
  private final Counter unmapped;
  private final Counter ignored;
  private final Timer writes;

  public IngestMetrics(MeterRegistry registry) {
    this.registry = registry;
    this.unmapped =
        Counter.builder("dualrun.ingest.lineage.unmapped")
            .description(
                "OpenLineage events whose job the inventory does not map (kept on the DLQ)")
            .register(registry);
    this.ignored =
        Counter.builder("dualrun.ingest.lineage.ignored")
            .description("OpenLineage events without a status to record (RUNNING, OTHER)")
            .register(registry);
    this.writes =
        Timer.builder("dualrun.ingest.write")
            .description("Time until Kafka acknowledged every record of a request")
            .register(registry);
  }

  public MeterRegistry registry() {
    return registry;
  }

  public void request(String endpoint, int status) {
    registry
        .counter(
            "dualrun.ingest.requests", "endpoint", endpoint, "status", Integer.toString(status))
        .increment();
  }

  public void stored(String kind, int count) {
    registry.counter("dualrun.ingest.records", "kind", kind).increment(count);
  }

  public void unmapped() {
    unmapped.increment();
  }

  public double unmappedCount() {
    return unmapped.count();
  }

  public void ignored() {
    ignored.increment();
  }

  public void writeTook(long nanos) {
    writes.record(nanos, TimeUnit.NANOSECONDS);
  }
}
