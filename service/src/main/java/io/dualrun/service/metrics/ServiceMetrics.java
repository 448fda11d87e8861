package io.dualrun.service.metrics;

import io.dualrun.registry.LoggingListener;
import io.javalin.Javalin;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.config.MeterFilter;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.util.ArrayList;
import java.util.List;

/**
 * The meters every service publishes on {@code GET /metrics} (Prometheus text): the JVM's (memory,
 * GC, threads, CPU), the schema registry's waits, and each service's own.
 */
public final class ServiceMetrics {
  private ServiceMetrics() {}

  /**
   * Kafka Streams names a store's tag by the store's type ({@code rocksdb-state-id}, {@code
   * in-memory-state-id}…), so that one meter name would carry different tag keys for stores of
   * different types, which Prometheus refuses (the later meters are dropped with a warning): the
   * tag becomes {@code state.id}, with the type beside it as {@code store.type}.
   */
  static final MeterFilter STORE_TAGS =
      new MeterFilter() {
        @Override
        public Meter.Id map(Meter.Id id) {
          if (!id.getName().startsWith("kafka.stream.state")) {
            return id;
          }
          List<Tag> tags = new ArrayList<>();
          boolean renamed = false;
          for (Tag t : id.getTagsAsIterable()) {
            String key = t.getKey().replace('-', '.');
            if (key.endsWith(".state.id")) {
              tags.add(Tag.of("state.id", t.getValue()));
              tags.add(
                  Tag.of(
                      "store.type",
                      key.substring(0, key.length() - ".state.id".length()).replace('.', '-')));
              renamed = true;
            } else {
              tags.add(t);
            }
          }
          return renamed ? id.replaceTags(tags) : id;
        }
      };

  /** A Prometheus registry with the JVM's meters bound. */
  public static PrometheusMeterRegistry create() {
    PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    registry.config().meterFilter(STORE_TAGS);
    new JvmMemoryMetrics().bindTo(registry);
    new JvmThreadMetrics().bindTo(registry);
    new ProcessorMetrics().bindTo(registry);
    new JvmGcMetrics().bindTo(registry);
    return registry;
  }

  /**
   * {@code dualrun_registry_waits_total{component}}: calls that waited for the schema registry
   * (each retry), and {@code dualrun_registry_recoveries_total{component}}: calls that succeeded
   * after waiting.
   */
  public static void registryWaits(
      MeterRegistry registry, LoggingListener listener, String component) {
    FunctionCounter.builder("dualrun.registry.waits", listener, LoggingListener::waits)
        .description("schema registry calls retried because the registry was unavailable")
        .tag("component", component)
        .register(registry);
    FunctionCounter.builder("dualrun.registry.recoveries", listener, LoggingListener::recoveries)
        .description("schema registry calls that succeeded after waiting")
        .tag("component", component)
        .register(registry);
  }

  /** Adds {@code GET /metrics}. */
  public static void route(Javalin app, PrometheusMeterRegistry registry) {
    app.get(
        "/metrics",
        ctx ->
            ctx.contentType("text/plain; version=0.0.4; charset=utf-8").result(registry.scrape()));
  }
}
