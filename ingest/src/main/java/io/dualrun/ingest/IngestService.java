package io.dualrun.ingest;

import io.dualrun.config.auth.Role;
import io.dualrun.ingest.sink.KafkaRecordSink;
import io.dualrun.ingest.sink.WriteTimeout;
import io.dualrun.inventory.Inventory;
import io.dualrun.registry.LoggingListener;
import io.dualrun.registry.SchemaRegistry;
import io.dualrun.schemas.topic.TopicCatalog;
import io.dualrun.schemas.topic.TopicInitializer;
import io.dualrun.service.lifecycle.HostedService;
import io.dualrun.service.metrics.ServiceMetrics;
import io.dualrun.service.probe.ReadinessCheck;
import io.dualrun.service.probe.StandardChecks;
import io.javalin.Javalin;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The running ingest service: topics created and checked, one idempotent producer, the endpoints'
 * {@link IngestApi}. Served by a {@code ServiceHost} (alone: {@link IngestServer#start}); closing
 * flushes and closes the producer.
 */
public final class IngestService implements HostedService {
  private static final Logger LOG = LoggerFactory.getLogger(IngestService.class);
  private static final Duration TOPIC_TIMEOUT = Duration.ofSeconds(60);

  private final IngestConfig config;
  private final KafkaRecordSink sink;
  private final IngestApi api;

  private IngestService(IngestConfig config, KafkaRecordSink sink, IngestApi api) {
    this.config = config;
    this.sink = sink;
    this.api = api;
  }

  /** Loads the inventory, creates the topics and the producer, with a registry of its own. */
  public static IngestService start(IngestConfig config) {
    return start(config, ServiceMetrics.create());
  }

  /** Same, with meters registered in {@code prometheus} (shared with other services). */
  public static IngestService start(IngestConfig config, PrometheusMeterRegistry prometheus) {
    Inventory inventory = config.common().loadInventory();
    LoggingListener registryListener = new LoggingListener("ingest");
    ServiceMetrics.registryWaits(prometheus, registryListener, "ingest");
    var client = config.common().kafkaClientProperties();
    Duration writeTimeout;
    TopicCatalog catalog;
    try (Admin admin = Admin.create(client)) {
      catalog =
          TopicCatalog.create(
              SchemaRegistry.resilient(
                  config.common().registry(), config.schemaCacheDir(), registryListener),
              config.common().forCluster(admin, TOPIC_TIMEOUT).topics(),
              true);
      TopicInitializer.ensure(
          admin,
          List.of(catalog.runEvents(), catalog.fingerprints(), catalog.dlq()),
          TOPIC_TIMEOUT);
      writeTimeout =
          config.writeTimeout().orElseGet(() -> WriteTimeout.of(admin, Duration.ofSeconds(10)));
    }
    KafkaRecordSink sink = KafkaRecordSink.create(client, catalog, writeTimeout);
    LOG.info(
        "ingest ready: Kafka {} (write timeout {} ms{}), inventory {} ({} workflows)",
        config.common().bootstrapServers(),
        writeTimeout.toMillis(),
        config.writeTimeout().isPresent() ? "" : ", from the brokers' session timeout",
        inventory.source(),
        inventory.workflows().size());
    return new IngestService(config, sink, IngestApi.create(config, inventory, sink, prometheus));
  }

  public IngestApi api() {
    return api;
  }

  public IngestConfig config() {
    return config;
  }

  @Override
  public String name() {
    return "ingest";
  }

  @Override
  public Map<String, Role> mutations() {
    return IngestRoutes.MUTATIONS;
  }

  @Override
  public void routes(Javalin app) {
    IngestRoutes.routes(app, api);
  }

  /**
   * What {@code /ready} checks: every partition of the run-event and fingerprint topics can take an
   * {@code acks=all} write now, and the registry answers.
   */
  @Override
  public List<ReadinessCheck> readiness() {
    return StandardChecks.of(
        config.common(), List.of(TopicCatalog.RUN_EVENTS, TopicCatalog.FINGERPRINTS));
  }

  @Override
  public void close() {
    sink.close();
  }
}
