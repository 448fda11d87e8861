package io.dualrun.cli;

import io.dualrun.config.auth.AccessPolicy;
import io.dualrun.platform.LocalPlatform;
import io.dualrun.platform.LocalPlatformConfig;
import io.dualrun.platform.Ports;
import io.dualrun.service.lifecycle.HostedService;
import io.dualrun.service.lifecycle.ServiceHost;
import io.dualrun.service.metrics.ServiceMetrics;
import io.javalin.Javalin;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Standalone mode: a real Kafka broker and schema registry, then the services, then one {@link
 * ServiceHost} serving them all, exactly as each is served alone. A service is plugged in with
 * {@link #service} (started in order, stopped in reverse); routes that belong to no service with
 * {@link #routes}.
 *
 * <pre>{@code
 * new Standalone(config)
 *     .access(platform -> policy)
 *     .service(platform -> IngestService.start(...))
 *     .start();
 * }</pre>
 */
public final class Standalone implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(Standalone.class);

  private final StandaloneConfig config;
  private final List<Service> services = new ArrayList<>();
  private final List<Consumer<Javalin>> routes = new ArrayList<>();
  private final List<Consumer<LocalPlatform>> checks = new ArrayList<>();
  private final List<HostedService> running = new ArrayList<>();
  private Function<LocalPlatform, AccessPolicy> access = platform -> AccessPolicy.open();
  private PrometheusMeterRegistry metrics = ServiceMetrics.create();
  private LocalPlatform platform;
  private ServiceHost http;
  private boolean closed;
  private long maxRequestBytes = 1_000_000L;
  private final List<String> notices = new ArrayList<>();
  private Consumer<String> progress = line -> {};

  public Standalone(StandaloneConfig config) {
    this.config = config;
  }

  /** Adds a service started after the platform, in the order of these calls. */
  public Standalone service(Service service) {
    requireNotStarted();
    services.add(service);
    return this;
  }

  /** Adds HTTP routes that belong to no service. */
  public Standalone routes(Consumer<Javalin> addRoutes) {
    requireNotStarted();
    routes.add(addRoutes);
    return this;
  }

  /** Who may call the API (one policy for every service); open unless set. */
  public Standalone access(Function<LocalPlatform, AccessPolicy> access) {
    requireNotStarted();
    this.access = access;
    return this;
  }

  /** The meters {@code /metrics} publishes (every service registers its own in it). */
  public Standalone metrics(PrometheusMeterRegistry metrics) {
    requireNotStarted();
    this.metrics = metrics;
    return this;
  }

  /** Runs {@code check} once every service started, before HTTP (e.g. refuse unknown keys). */
  public Standalone check(Consumer<LocalPlatform> check) {
    requireNotStarted();
    checks.add(check);
    return this;
  }

  /**
   * Receives one line as each part becomes ready, with the time it took ("ingest ready (0.4 s)"),
   * so that a start of many seconds is not silent.
   */
  public Standalone onProgress(Consumer<String> listener) {
    requireNotStarted();
    this.progress = listener;
    return this;
  }

  /** Starts broker, registry, services and HTTP; on failure stops what was started. */
  public synchronized Standalone start() {
    requireNotStarted();
    if (config.httpPort() != 0) {
      Ports.requireFree(config.httpPort(), "HTTP API");
    }
    try {
      long t0 = System.nanoTime();
      platform =
          LocalPlatform.start(
              withTopics(
                  LocalPlatformConfig.in(config.dataDir())
                      .withPorts(
                          config.kafkaPort(), config.controllerPort(), config.registryPort()),
                  config));
      progress.accept("Kafka and the schema registry ready " + since(t0));
      for (Service service : services) {
        long t = System.nanoTime();
        HostedService started = service.start(platform);
        LOG.info("started {}", started.name());
        progress.accept(started.name() + " ready " + since(t));
        running.add(started);
      }
      checks.forEach(c -> c.accept(platform));
      http = startHttp();
      return this;
    } catch (Exception e) {
      close();
      throw e instanceof RuntimeException r
          ? r
          : new IllegalStateException("standalone: " + e.getMessage(), e);
    }
  }

  /** "(1.2 s)": the time since {@code nanos}. */
  private static String since(long nanos) {
    return String.format(java.util.Locale.ROOT, "(%.1f s)", (System.nanoTime() - nanos) / 1e9);
  }

  private static LocalPlatformConfig withTopics(LocalPlatformConfig p, StandaloneConfig config) {
    return p.withBrokers(config.brokers()).withTopics(config.topics());
  }

  /** Sets the largest request body the HTTP server accepts. */
  public Standalone maxRequestBytes(long bytes) {
    requireNotStarted();
    maxRequestBytes = Math.max(maxRequestBytes, bytes);
    return this;
  }

  /** One host for every service; it owns them from here on (closing it stops them). */
  private ServiceHost startHttp() {
    ServiceHost.Builder host =
        ServiceHost.builder(access.apply(platform), metrics)
            .listen(config.httpHost(), config.httpPort())
            .maxRequestBytes(maxRequestBytes)
            .health(() -> new ServiceHost.Health(isHealthy(), health()));
    running.forEach(host::service);
    routes.forEach(host::routes);
    // from here the host stops the services, also when it cannot start
    running.clear();
    return host.start();
  }

  public boolean isHealthy() {
    return platform != null && platform.broker().isRunning() && platform.registry().isRunning();
  }

  /** What {@code GET /health} answers. */
  public Map<String, Object> health() {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("status", isHealthy() ? "UP" : "DOWN");
    body.put(
        "broker",
        part(platform.broker().isRunning(), "bootstrapServers", platform.bootstrapServers()));
    body.put("registry", part(platform.registry().isRunning(), "url", platform.registryUrl()));
    List<String> names = new ArrayList<>();
    List<HostedService> serving = http == null ? running : http.services();
    serving.forEach(service -> names.add(service.name()));
    body.put("services", names);
    body.put("dataDir", platform.dataDir().toString());
    return body;
  }

  private static Map<String, Object> part(boolean up, String key, String where) {
    Map<String, Object> part = new LinkedHashMap<>();
    part.put("state", up ? "UP" : "DOWN");
    part.put(key, where);
    return part;
  }

  /** Adds a line for the start-up banner (e.g. the access token). */
  public Standalone notice(String line) {
    notices.add(line);
    return this;
  }

  /** The lines the start-up banner should show besides the addresses. */
  public List<String> notices() {
    return List.copyOf(notices);
  }

  public LocalPlatform platform() {
    requireStarted();
    return platform;
  }

  public int httpPort() {
    requireStarted();
    return http.port();
  }

  public String httpUrl() {
    return "http://" + config.httpHost() + ":" + httpPort();
  }

  public StandaloneConfig config() {
    return config;
  }

  /** Stops HTTP, then the services in reverse order, then registry and broker. */
  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    if (http != null) {
      http.close();
    }
    for (int i = running.size() - 1; i >= 0; i--) {
      HostedService service = running.get(i);
      try {
        service.close();
        LOG.info("stopped {}", service.name());
      } catch (RuntimeException e) {
        LOG.warn("stopping {} failed: {}", service.name(), e.toString());
      }
    }
    running.clear();
    if (platform != null) {
      platform.close();
    }
  }

  private void requireNotStarted() {
    if (platform != null || closed) {
      throw new IllegalStateException("standalone has already been started");
    }
  }

  private void requireStarted() {
    if (http == null) {
      throw new IllegalStateException("standalone has not been started");
    }
  }
}
