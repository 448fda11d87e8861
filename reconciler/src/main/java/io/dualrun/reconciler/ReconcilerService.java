package io.dualrun.reconciler;

import io.dualrun.config.CommonSettings;
import io.dualrun.inventory.Inventory;
import io.dualrun.reconciler.copies.LocalCopies;
import io.dualrun.reconciler.rest.CutoverRoutes;
import io.dualrun.reconciler.rest.KafkaDesk;
import io.dualrun.reconciler.rest.PairQueries;
import io.dualrun.reconciler.rest.ReconcilerRoutes;
import io.dualrun.reconciler.rest.WaiverRoutes;
import io.dualrun.reconciler.stream.ServingStores;
import io.dualrun.reconciler.stream.StoreNames;
import io.dualrun.reconciler.web.DashboardRoutes;
import io.dualrun.registry.LoggingListener;
import io.dualrun.registry.RegistryException;
import io.dualrun.registry.SchemaRegistry;
import io.dualrun.schemas.avro.Cutover;
import io.dualrun.schemas.avro.Waiver;
import io.dualrun.schemas.serde.AvroSerde;
import io.dualrun.schemas.topic.Topic;
import io.dualrun.schemas.topic.TopicCatalog;
import io.dualrun.schemas.topic.TopicInitializer;
import io.dualrun.service.lifecycle.HostedService;
import io.dualrun.service.lifecycle.ServiceHost;
import io.dualrun.service.metrics.ServiceMetrics;
import io.dualrun.service.probe.ReadinessCheck;
import io.dualrun.service.probe.StandardChecks;
import io.javalin.Javalin;
import io.micrometer.core.instrument.binder.kafka.KafkaStreamsMetrics;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.streams.CloseOptions;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler;
import org.apache.kafka.streams.state.HostInfo;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A running reconciler: {@link #create} loads and validates the inventory (failing with the
 * file/line/field message); {@link #routes} mounts the HTTP endpoints on an app; {@link #start}
 * creates the topics, registers the output schemas and starts Kafka Streams with {@code
 * application.server} set to the HTTP port actually bound.
 */
public final class ReconcilerService implements HostedService {
  private static final int REGISTER_ATTEMPTS = 3;
  private static final Logger LOG = LoggerFactory.getLogger(ReconcilerService.class);
  private static final Duration TOPIC_TIMEOUT = Duration.ofSeconds(60);

  private final ReconcilerConfig baseConfig;
  private final Inventory inventory;
  private final ServingStores serving = new ServingStores();
  private volatile ReconcilerConfig config;
  private volatile KafkaStreams streams;
  private volatile KafkaDesk<Waiver> waivers;
  private volatile KafkaDesk<Cutover> cutovers;
  private volatile LocalCopies copies;
  private final PrometheusMeterRegistry metrics;
  private final LoggingListener registryListener;

  private ReconcilerService(
      ReconcilerConfig config, Inventory inventory, PrometheusMeterRegistry metrics) {
    this.baseConfig = config;
    this.config = config;
    this.inventory = inventory;
    this.metrics = metrics;
    this.registryListener = new LoggingListener("reconciler " + config.applicationId());
    ServiceMetrics.registryWaits(metrics, registryListener, "reconciler");
  }

  /** Validates configuration and inventory; nothing is started. Meters of its own. */
  public static ReconcilerService create(ReconcilerConfig config) {
    return create(config, ServiceMetrics.create());
  }

  /** Same, its meters in {@code metrics} (shared with other services in standalone). */
  public static ReconcilerService create(ReconcilerConfig config, PrometheusMeterRegistry metrics) {
    return new ReconcilerService(config, config.common().loadInventory(), metrics);
  }

  /** The meters {@code GET /metrics} publishes: Kafka Streams', the registry's waits, the JVM's. */
  public PrometheusMeterRegistry metrics() {
    return metrics;
  }

  @Override
  public String name() {
    return "reconciler";
  }

  /**
   * Adds the REST endpoints and the dashboard to {@code app}; the endpoints answer 503 until {@link
   * #start}.
   */
  @Override
  public void routes(Javalin app) {
    PairQueries queries = queries();
    ReconcilerRoutes.routes(app, queries, this::cutOver);
    WaiverRoutes.routes(app, () -> waivers, java.time.Clock.systemUTC());
    CutoverRoutes.routes(app, () -> cutovers, queries, java.time.Clock.systemUTC());
    DashboardRoutes.routes(app);
  }

  /** Starts Kafka Streams once the host listens: {@code httpPort} is advertised to the peers. */
  @Override
  public void listening(int httpPort) {
    start(httpPort);
  }

  /** {@code "state"}: Kafka Streams' state. */
  @Override
  public Map<String, Object> health() {
    return Map.of("state", state());
  }

  /**
   * What {@code /ready} checks: Kafka Streams is RUNNING, the output topics can take a write, the
   * registry answers.
   */
  @Override
  public List<ReadinessCheck> readiness() {
    List<ReadinessCheck> readiness = new ArrayList<>();
    readiness.add(
        ReadinessCheck.of(
            "streams",
            () ->
                "RUNNING".equals(state())
                    ? ReadinessCheck.Result.ok("RUNNING")
                    : ReadinessCheck.Result.failed("Kafka Streams is " + state())));
    readiness.addAll(
        StandardChecks.of(
            baseConfig.common(),
            List.of(TopicCatalog.VERDICTS, TopicCatalog.MISMATCHES, TopicCatalog.FRESHNESS)));
    return readiness;
  }

  public PairQueries queries() {
    return new PairQueries(
        () -> streams,
        () -> new HostInfo(config.advertisedHost(), config.httpPort()),
        inventory,
        serving);
  }

  /** Starts against Kafka; {@code httpPort} is where this instance's routes answer. */
  public synchronized void start(int httpPort) {
    if (streams != null) {
      throw new IllegalStateException("already started");
    }
    CommonSettings common;
    try (Admin admin = Admin.create(baseConfig.common().kafkaClientProperties())) {
      common = baseConfig.common().forCluster(admin, TOPIC_TIMEOUT);
    }
    TopicCatalog catalog =
        TopicCatalog.create(
            SchemaRegistry.resilient(
                common.registry(), baseConfig.stateDir().resolve("schema-cache"), registryListener),
            common.topics(),
            common.registry().autoRegister());
    int partitions = prepareTopics(catalog);
    config = baseConfig.withCommon(common).withHttpPort(httpPort).withInputPartitions(partitions);
    registerSchemas(catalog);
    StreamsBuilder builder = new StreamsBuilder();
    ReconcilerTopology.build(builder, config, inventory, catalog, serving);
    var props = ReconcilerTopology.streamsProperties(config);
    KafkaStreams s = new KafkaStreams(builder.build(props), props);
    s.setUncaughtExceptionHandler(
        e -> {
          LOG.error("stream thread died; replacing it (state is restored from the changelog)", e);
          return StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse.REPLACE_THREAD;
        });
    streams = s;
    new KafkaStreamsMetrics(s).bindTo(metrics);
    copies = LocalCopies.watch(() -> streams, metrics);
    s.start();
    waivers =
        new KafkaDesk<>(
            catalog.waivers(),
            common.kafkaClientProperties(),
            s,
            StoreNames.WAIVERS,
            Waiver::getId);
    cutovers =
        new KafkaDesk<>(
            catalog.cutovers(),
            common.kafkaClientProperties(),
            s,
            StoreNames.CUTOVERS,
            Cutover::getWorkflow);
    LOG.info(
        "reconciler {} started in {} mode, {} inventoried workflows, REST on {}:{}",
        config.applicationId(),
        config.mode(),
        inventory.workflows().size(),
        config.advertisedHost(),
        httpPort);
  }

  private int prepareTopics(TopicCatalog catalog) {
    try (Admin admin = Admin.create(config.common().kafkaClientProperties())) {
      TopicInitializer.ensure(admin, catalog.all(), TOPIC_TIMEOUT);
      var description =
          admin
              .describeTopics(List.of(TopicCatalog.RUN_EVENTS, TopicCatalog.FINGERPRINTS))
              .allTopicNames()
              .get(TOPIC_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
      int events = description.get(TopicCatalog.RUN_EVENTS).partitions().size();
      int prints = description.get(TopicCatalog.FINGERPRINTS).partitions().size();
      if (events != prints) {
        throw new IllegalStateException(
            TopicCatalog.RUN_EVENTS
                + " has "
                + events
                + " partitions but "
                + TopicCatalog.FINGERPRINTS
                + " has "
                + prints
                + ": they must be co-partitioned");
      }
      return events;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while preparing topics", e);
    } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
      throw new IllegalStateException("cannot describe the input topics: " + e.getMessage(), e);
    }
  }

  /**
   * Fails the start clearly when the registry is unreachable, rather than at the first verdict.
   * Retried a few times: instances starting together may race to register the same schema.
   */
  private static void registerSchemas(TopicCatalog catalog) {
    for (Topic<?, ?> t :
        List.<Topic<?, ?>>of(
            catalog.verdicts(),
            catalog.mismatches(),
            catalog.freshness(),
            catalog.waivers(),
            catalog.cutovers())) {
      AvroSerde<?> serde = (AvroSerde<?>) t.valueSerde();
      for (int attempt = 1; ; attempt++) {
        try {
          serde.schemaId(t.name());
          break;
        } catch (SerializationException e) {
          // an outage has already been waited out by the registry client (or answered from the
          // schema cache); a conflicting answer to a simultaneous registration is worth a retry
          if (attempt >= REGISTER_ATTEMPTS || RegistryException.isTransientIn(e)) {
            throw e;
          }
          LOG.warn("schema registration for {} failed, retrying: {}", t.name(), e.getMessage());
          pause(attempt * 500L);
        }
      }
    }
  }

  private static void pause(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while registering schemas", e);
    }
  }

  public KafkaStreams streams() {
    return streams;
  }

  public ReconcilerConfig config() {
    return config;
  }

  public Inventory inventory() {
    return inventory;
  }

  /** The workflows whose candidate is primary (none before {@link #start}). */
  private java.util.Set<String> cutOver() {
    KafkaDesk<Cutover> desk = cutovers;
    if (desk == null) {
      return java.util.Set.of();
    }
    java.util.Set<String> out = new java.util.TreeSet<>();
    desk.all().forEach(c -> out.add(c.getWorkflow()));
    return out;
  }

  /** Kafka Streams state (NOT_STARTED before {@link #start}). */
  public String state() {
    return streams == null ? "NOT_STARTED" : streams.state().name();
  }

  @Override
  public synchronized void close() {
    if (copies != null) {
      copies.close();
      copies = null;
    }
    if (waivers != null) {
      waivers.close();
      waivers = null;
    }
    if (cutovers != null) {
      cutovers.close();
      cutovers = null;
    }
    if (streams != null) {
      // a clean stop leaves the group: the other instances (or this one restarted) take the
      // tasks over at once instead of after the consumer group's session timeout
      streams.close(
          CloseOptions.groupMembershipOperation(CloseOptions.GroupMembershipOperation.LEAVE_GROUP)
              .withTimeout(Duration.ofSeconds(30)));
      streams = null;
    }
  }

  /** Runs the whole service with its own HTTP server; closing the host stops both. */
  public static ServiceHost run(ReconcilerConfig config) {
    ReconcilerService service = create(config);
    return ServiceHost.builder(config.common().access(), service.metrics())
        .listen(config.httpHost(), config.httpPort())
        .service(service)
        .start();
  }
}
