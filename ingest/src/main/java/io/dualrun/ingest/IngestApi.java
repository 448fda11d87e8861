package io.dualrun.ingest;

import io.dualrun.config.auth.AccessPolicy;
import io.dualrun.ingest.http.IngestMetrics;
import io.dualrun.ingest.lineage.LineageMapper;
import io.dualrun.ingest.parse.BodyReader;
import io.dualrun.ingest.parse.NativeReader;
import io.dualrun.ingest.sink.RecordSink;
import io.dualrun.inventory.Inventory;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Duration;

/**
 * Everything the HTTP endpoints need, independent of the server they are mounted on.
 *
 * @param auth who may post (checked before every route by {@code HttpAuth})
 * @param body body size limit
 * @param natives reader of native JSON events and fingerprints
 * @param lineage OpenLineage mapper
 * @param sink where accepted records go
 * @param metrics meters
 * @param prometheus the registry {@code GET /metrics} scrapes
 * @param retryAfter Retry-After of a 503
 */
public record IngestApi(
    AccessPolicy auth,
    BodyReader body,
    NativeReader natives,
    LineageMapper lineage,
    RecordSink sink,
    IngestMetrics metrics,
    PrometheusMeterRegistry prometheus,
    Duration retryAfter) {

  /** The API of {@code config} writing to {@code sink}, with its own Prometheus registry. */
  public static IngestApi create(IngestConfig config, Inventory inventory, RecordSink sink) {
    return create(config, inventory, sink, new PrometheusMeterRegistry(PrometheusConfig.DEFAULT));
  }

  public static IngestApi create(
      IngestConfig config,
      Inventory inventory,
      RecordSink sink,
      PrometheusMeterRegistry prometheus) {
    return new IngestApi(
        config.auth(),
        new BodyReader(config.maxBodyBytes()),
        new NativeReader(inventory, config.maxBatch()),
        new LineageMapper(inventory),
        sink,
        new IngestMetrics(prometheus),
        prometheus,
        config.retryAfter());
  }
}
