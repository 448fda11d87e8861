package io.dualrun.alerting;

import io.dualrun.alerting.delivery.AlertView;
import io.dualrun.alerting.delivery.DeliveryLedger;
import io.dualrun.alerting.delivery.DeliveryWorker;
import io.dualrun.alerting.delivery.LaneContext;
import io.dualrun.alerting.delivery.LedgerEntry;
import io.dualrun.alerting.delivery.NotificationLog;
import io.dualrun.alerting.fold.AlertClock;
import io.dualrun.alerting.fold.AlertTopology;
import io.dualrun.alerting.fold.DeadLetterHandler;
import io.dualrun.alerting.kafka.GroupMembership;
import io.dualrun.alerting.kafka.KeyedLog;
import io.dualrun.alerting.kafka.TopicReader;
import io.dualrun.alerting.model.AlertEvent;
import io.dualrun.alerting.model.Json;
import io.dualrun.alerting.receiver.Receiver;
import io.dualrun.alerting.receiver.ReceiverConfig;
import io.dualrun.alerting.receiver.Receivers;
import io.dualrun.alerting.render.MessageRenderer;
import io.dualrun.alerting.render.PairLinks;
import io.dualrun.alerting.silence.Silence;
import io.dualrun.alerting.silence.SilenceStore;
import io.dualrun.registry.LoggingListener;
import io.dualrun.registry.SchemaRegistry;
import io.dualrun.schemas.avro.Notification;
import io.dualrun.schemas.topic.TopicCatalog;
import io.dualrun.schemas.topic.TopicInitializer;
import io.dualrun.schemas.topic.TopicSpec;
import io.dualrun.service.lifecycle.HostedService;
import io.dualrun.service.metrics.ServiceMetrics;
import io.dualrun.service.probe.ReadinessCheck;
import io.dualrun.service.probe.StandardChecks;
import io.javalin.Javalin;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.binder.kafka.KafkaStreamsMetrics;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The alerting service: the alert fold (Kafka Streams, exactly_once_v2) writing alert emissions to
 * the compacted alerts topic, and the delivery worker reading them (read_committed) and delivering
 * to receivers. Instances of one application id share the work: the fold's tasks through Kafka
 * Streams, delivery by partition of the alerts topic through the delivery group. Silences and the
 * delivery ledger live in compacted topics that every instance reads continuously.
 */
public final class AlertingService implements HostedService {
  private static final Logger LOG = LoggerFactory.getLogger(AlertingService.class);
  private static final Duration STARTUP = Duration.ofSeconds(90);

  /** How long every announcement stays on the alerts topic before compaction. */
  static final Duration ALERTS_HISTORY = Duration.ofDays(1);

  /** How long the record clock's fold waits for an input partition not yet fetched (KIP-695). */
  static final long RECORD_CLOCK_TASK_IDLE_MS = 2_000L;

  private AlertingConfig config;
  private final Clock clock;
  private final List<AutoCloseable> resources = new ArrayList<>();
  private final AlertView view = new AlertView();
  private SilenceStore silences;
  private DeliveryWorker worker;
  private KafkaStreams streams;

  private final PrometheusMeterRegistry metrics;
  private final LoggingListener registryListener = new LoggingListener("alerting");

  private AlertingService(AlertingConfig config, Clock clock, PrometheusMeterRegistry metrics) {
    this.config = config;
    this.clock = clock;
    this.metrics = metrics;
    ServiceMetrics.registryWaits(metrics, registryListener, "alerting");
    Gauge.builder(
            "dualrun.alerting.pending.deliveries",
            this,
            s -> s.worker == null ? 0 : s.pending().values().stream().mapToInt(i -> i).sum())
        .description("notifications waiting to be delivered, over every receiver")
        .register(metrics);
    Gauge.builder(
            "dualrun.alerting.delivery.partitions",
            this,
            s -> s.worker == null ? 0 : s.worker.delivering().size())
        .description("partitions of the alerts topic whose alerts this instance delivers")
        .register(metrics);
  }

  /**
   * Creates the topics, reads silences, ledger and history, starts the fold, and joins the delivery
   * group once the alerts topic is read.
   */
  public static AlertingService start(AlertingConfig config) {
    return start(config, ServiceMetrics.create());
  }

  /** Same, its meters in {@code metrics} (shared with other services in standalone). */
  public static AlertingService start(AlertingConfig config, PrometheusMeterRegistry metrics) {
    AlertingService service = new AlertingService(config, Clock.systemUTC(), metrics);
    try {
      service.startAll();
      return service;
    } catch (RuntimeException e) {
      service.close();
      throw e;
    }
  }

  private void startAll() {
    Map<String, Object> kafka = config.common().kafkaClientProperties();
    TopicCatalog catalog;
    try (Admin admin = Admin.create(kafka)) {
      config = config.withCommon(config.common().forCluster(admin, STARTUP));
      catalog =
          TopicCatalog.create(
              SchemaRegistry.resilient(
                  config.common().registry(),
                  config.stateDir().resolve("schema-cache"),
                  registryListener),
              config.common().topics(),
              true);
      TopicInitializer.ensure(admin, catalog.all(), STARTUP);
      TopicInitializer.ensureSpecs(
          admin,
          internalTopics(
              inputPartitions(
                  admin,
                  List.of(
                      catalog.mismatches().name(),
                      catalog.verdicts().name(),
                      catalog.freshness().name()))),
          STARTUP);
    }
    Producer<String, byte[]> bytes = closeLater(producer(kafka, new ByteArraySerializer()));
    Producer<String, Notification> notifications =
        closeLater(producer(kafka, catalog.notifications().valueSerde().serializer()));
    DeadLetters dlq = new DeadLetters(bytes);
    // silences, the ledger and the notifications are read continuously: what another instance of
    // this application id writes is seen here too
    silences =
        new SilenceStore(
            closeLater(new KeyedLog<>(config.silencesTopic(), Silence.class, bytes))
                .tail(kafka, dlq::send, STARTUP));
    DeliveryLedger ledger =
        new DeliveryLedger(
            closeLater(new KeyedLog<>(config.deliveriesTopic(), LedgerEntry.class, bytes))
                .tail(kafka, dlq::send, STARTUP));
    awaitCaughtUp(
        closeLater(
            TopicReader.tail(kafka, TopicCatalog.NOTIFICATIONS, r -> history(catalog, r, dlq))),
        TopicCatalog.NOTIFICATIONS);
    LaneContext ctx =
        new LaneContext(
            ledger,
            silences,
            new NotificationLog(notifications, TopicCatalog.NOTIFICATIONS, view),
            new MessageRenderer(new PairLinks(config.pairUrlTemplate())),
            config.retry(),
            clock);
    worker = closeLater(new DeliveryWorker(receivers(), config.routes(), view, ctx));
    streams = startStreams(catalog, kafka);
    awaitCaughtUp(
        closeLater(TopicReader.tail(kafka, config.alertsTopic(), r -> onAlert(r, dlq))),
        config.alertsTopic());
    // every instance reads every alert (the view); the delivery group shares the alerts topic's
    // partitions out, and each instance delivers the alerts of its own
    closeLater(
        GroupMembership.join(
            kafka, config.deliveryGroup(), config.alertsTopic(), config.sessionTimeout(), worker));
    if (config.receivers().isEmpty()) {
      LOG.warn(
          "no receiver is configured (receivers:): alerts are decided and listed on /v1/alerts,"
              + " but nobody is notified");
    }
    LOG.info(
        "alerting started: {} receivers, alerts on {}, delivery shared in group {}",
        config.receivers().size(),
        config.alertsTopic(),
        config.deliveryGroup());
  }

  /** The most partitions any of {@code topics} has: what the fold's repartition topic gets. */
  private static int inputPartitions(Admin admin, List<String> topics) {
    try {
      return admin
          .describeTopics(topics)
          .allTopicNames()
          .get(STARTUP.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS)
          .values()
          .stream()
          .mapToInt(d -> d.partitions().size())
          .max()
          .orElseThrow();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while describing " + topics, e);
    } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
      throw new IllegalStateException("cannot describe " + topics + ": " + e.getMessage(), e);
    }
  }

  /**
   * Alerting's own topics, and the fold's repartition topic as Kafka Streams would create it:
   * created before the streams start, their consumer never asks the broker for a topic that does
   * not exist yet (which Kafka's client logs as a warning, several times, at first start).
   */
  private Map<String, TopicSpec> internalTopics(int inputPartitions) {
    short rf = config.common().topics().replicationFactor();
    Map<String, String> compact =
        Map.of("cleanup.policy", "compact", "min.insync.replicas", rf >= 3 ? "2" : "1");
    Map<String, String> repartition =
        Map.of(
            "cleanup.policy", "delete",
            "retention.ms", "-1",
            "segment.bytes", "52428800",
            "min.insync.replicas", rf >= 3 ? "2" : "1");
    int partitions = config.common().topics().partitions();
    // every announcement stays readable for a day before compaction keeps the latest of each
    // alert; stamped when written, so that the day counts in wall-clock time even when the record
    // clock dates announcements in the past
    Map<String, String> alerts = new java.util.HashMap<>(compact);
    alerts.put("min.compaction.lag.ms", Long.toString(ALERTS_HISTORY.toMillis()));
    alerts.put("message.timestamp.type", "LogAppendTime");
    return Map.of(
        config.applicationId() + "-" + AlertTopology.SIGNALS_REPARTITION + "-repartition",
        new TopicSpec(inputPartitions, rf, repartition),
        config.alertsTopic(),
        new TopicSpec(partitions, rf, alerts),
        config.silencesTopic(),
        new TopicSpec(1, rf, compact),
        config.deliveriesTopic(),
        new TopicSpec(partitions, rf, compact));
  }

  private Map<ReceiverConfig, Receiver> receivers() {
    Map<ReceiverConfig, Receiver> out = new LinkedHashMap<>();
    config.receivers().forEach(r -> out.put(r, Receivers.create(r)));
    return out;
  }

  private KafkaStreams startStreams(TopicCatalog catalog, Map<String, Object> kafka) {
    Properties props = new Properties();
    props.putAll(kafka);
    props.put(StreamsConfig.APPLICATION_ID_CONFIG, config.applicationId());
    props.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
    props.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, config.commitInterval().toMillis());
    props.put(StreamsConfig.STATE_DIR_CONFIG, config.stateDir().toAbsolutePath().toString());
    props.put(
        StreamsConfig.REPLICATION_FACTOR_CONFIG,
        (int) config.common().topics().replicationFactor());
    // internal topics as safe as the catalog's: acks=all writes need 2 of 3 replicas in sync
    props.put(
        StreamsConfig.topicPrefix("min.insync.replicas"),
        config.common().topics().replicationFactor() >= 3 ? "2" : "1");
    props.put(
        StreamsConfig.DESERIALIZATION_EXCEPTION_HANDLER_CLASS_CONFIG,
        DeadLetterHandler.class.getName());
    // no global store here; enabled as Kafka 5.0 will by default (a string: Kafka Streams copies
    // its properties by their string values, and a Boolean would be dropped)
    props.put(StreamsConfig.PROCESSING_EXCEPTION_HANDLER_GLOBAL_ENABLED_CONFIG, "true");
    // the partition assignor reads a copy of the streams configuration from the main consumer's
    // configuration: the flag travels there too, or that copy warns that it is off
    props.put(
        StreamsConfig.mainConsumerPrefix(
            StreamsConfig.PROCESSING_EXCEPTION_HANDLER_GLOBAL_ENABLED_CONFIG),
        "true");
    props.put(StreamsConfig.consumerPrefix(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG), "earliest");
    // a dead instance's fold tasks move to the others after the session timeout (Kafka's default
    // is 45 s); heartbeats come from the consumer's own thread
    props.put(
        StreamsConfig.consumerPrefix(ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG),
        (int) config.sessionTimeout().toMillis());
    props.put(
        StreamsConfig.consumerPrefix(ConsumerConfig.HEARTBEAT_INTERVAL_MS_CONFIG),
        (int) config.sessionTimeout().toMillis() / 3);
    if (config.clock() == AlertClock.RECORD) {
      // the record clock follows the signals' time: the three inputs are merged in time order,
      // waiting for an input partition whose records on the broker are not fetched yet
      props.put(StreamsConfig.MAX_TASK_IDLE_MS_CONFIG, RECORD_CLOCK_TASK_IDLE_MS);
    } else {
      // signals are folded by pair revision, in any order: none waits for another input's
      // partition
      props.put(StreamsConfig.MAX_TASK_IDLE_MS_CONFIG, StreamsConfig.MAX_TASK_IDLE_MS_DISABLED);
    }
    var topology =
        AlertTopology.build(
            catalog,
            config.alertsTopic(),
            config.groupWait(),
            config.repeatInterval(),
            config.tick(),
            config.clock(),
            config.idleFlush());
    KafkaStreams ks = new KafkaStreams(topology, props);
    new KafkaStreamsMetrics(ks).bindTo(metrics);
    ks.setUncaughtExceptionHandler(
        e -> {
          LOG.error("alert fold failed, replacing the stream thread: {}", e.toString(), e);
          return org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler
              .StreamThreadExceptionResponse.REPLACE_THREAD;
        });
    ks.start();
    // a clean stop leaves the group, so a restart gets its tasks at once instead of after the
    // session timeout
    resources.add(
        () ->
            ks.close(
                org.apache.kafka.streams.CloseOptions.groupMembershipOperation(
                        org.apache.kafka.streams.CloseOptions.GroupMembershipOperation.LEAVE_GROUP)
                    .withTimeout(Duration.ofSeconds(30))));
    return ks;
  }

  private void onAlert(ConsumerRecord<byte[], byte[]> r, DeadLetters dlq) {
    if (r.value() == null) {
      return;
    }
    AlertEvent e;
    try {
      e = Json.read(r.value(), AlertEvent.class);
    } catch (RuntimeException ex) {
      dlq.send(r, ex);
      return;
    }
    worker.onAlert(e, r.partition());
  }

  private void history(TopicCatalog catalog, ConsumerRecord<byte[], byte[]> r, DeadLetters dlq) {
    try {
      Notification n =
          catalog.notifications().valueSerde().deserializer().deserialize(r.topic(), r.value());
      if (n != null) {
        view.record(n);
      }
    } catch (RuntimeException ex) {
      dlq.send(r, ex);
    }
  }

  private static void awaitCaughtUp(TopicReader tail, String topic) {
    try {
      if (!tail.awaitCaughtUp(STARTUP)) {
        throw new IllegalStateException(topic + " could not be read within " + STARTUP);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while reading " + topic, e);
    }
  }

  private static <V> KafkaProducer<String, V> producer(
      Map<String, Object> kafka, org.apache.kafka.common.serialization.Serializer<V> values) {
    Map<String, Object> props = new HashMap<>(kafka);
    props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
    props.put(ProducerConfig.ACKS_CONFIG, "all");
    props.put(ProducerConfig.LINGER_MS_CONFIG, 0);
    return new KafkaProducer<>(props, new StringSerializer(), values);
  }

  private <T extends AutoCloseable> T closeLater(T resource) {
    resources.add(resource);
    return resource;
  }

  public AlertingConfig config() {
    return config;
  }

  public AlertView view() {
    return view;
  }

  public SilenceStore silences() {
    return silences;
  }

  public Clock clock() {
    return clock;
  }

  /** The meters {@code GET /metrics} publishes: Kafka Streams', deliveries, the JVM's. */
  public PrometheusMeterRegistry metrics() {
    return metrics;
  }

  /** The partitions of the alerts topic whose alerts this instance delivers. */
  public Set<Integer> deliveryPartitions() {
    return worker == null ? Set.of() : worker.delivering();
  }

  /** Alerts waiting per receiver. */
  public Map<String, Integer> pending() {
    return worker.pending();
  }

  /** Whether the alert fold is running (or rebalancing). */
  public boolean healthy() {
    return streams != null && streams.state().isRunningOrRebalancing();
  }

  @Override
  public String name() {
    return "alerting";
  }

  /** {@code /v1/alerts} and {@code /v1/silences}; silencing needs the operator role. */
  @Override
  public void routes(Javalin app) {
    AlertingRoutes.routes(app, view, silences, clock);
  }

  /**
   * What {@code /ready} checks: the alert fold runs, the notifications and alerts topics can take a
   * write, the registry answers.
   */
  @Override
  public List<ReadinessCheck> readiness() {
    List<ReadinessCheck> checks = new ArrayList<>();
    checks.add(
        ReadinessCheck.of(
            "fold",
            () ->
                healthy()
                    ? ReadinessCheck.Result.ok("running")
                    : ReadinessCheck.Result.failed("the alert fold is not running")));
    checks.addAll(
        StandardChecks.of(
            config.common(), List.of(TopicCatalog.NOTIFICATIONS, config.alertsTopic())));
    return checks;
  }

  @Override
  public void close() {
    List<AutoCloseable> reversed = new ArrayList<>(resources);
    java.util.Collections.reverse(reversed);
    for (AutoCloseable r : reversed) {
      try {
        r.close();
      } catch (Exception e) {
        LOG.warn("error while stopping alerting: {}", e.toString());
      }
    }
    resources.clear();
  }
}
