package io.dualrun.service.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import org.junit.jupiter.api.Test;

class ServiceMetricsTest {
  @Test
  void storesOfEveryTypePublishTheSameMeterUnderOneTagKey() {
    PrometheusMeterRegistry registry = ServiceMetrics.create();
    Gauge.builder("kafka.stream.state.commit.latency.avg", () -> 1.0)
        .tag("rocksdb.state.id", "reconciler-pairs")
        .tag("task.id", "0_0")
        .register(registry);
    Gauge.builder("kafka.stream.state.commit.latency.avg", () -> 2.0)
        .tag("in.memory.state.id", "reconciler-waivers")
        .tag("task.id", "-1_-1")
        .register(registry);

    String scrape = registry.scrape();
    assertThat(scrape)
        .contains(
            "kafka_stream_state_commit_latency_avg{state_id=\"reconciler-pairs\","
                + "store_type=\"rocksdb\",task_id=\"0_0\"} 1.0")
        .contains(
            "kafka_stream_state_commit_latency_avg{state_id=\"reconciler-waivers\","
                + "store_type=\"in-memory\",task_id=\"-1_-1\"} 2.0");
  }

  @Test
  void otherMetersKeepTheirTags() {
    PrometheusMeterRegistry registry = ServiceMetrics.create();
    Gauge.builder("kafka.stream.thread.poll.rate", () -> 3.0)
        .tag("thread.id", "t-1")
        .register(registry);
    assertThat(registry.scrape()).contains("kafka_stream_thread_poll_rate{thread_id=\"t-1\"} 3.0");
  }
}
