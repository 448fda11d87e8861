package io.dualrun.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.dualrun.platform.LocalPlatform;
import io.dualrun.platform.LocalPlatformConfig;
import io.dualrun.platform.Ports;
import io.javalin.Javalin;
import io.javalin.http.HttpStatus;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Standalone mode: a real Kafka broker and schema registry, then the services, then one HTTP
 * server. A service is plugged in with {@link #service} (started in order, stopped in reverse) and
 * its HTTP routes with {@link #routes}.
 *
 * <pre>{@code
 * new Standalone(config)
 *     .service("ingest", platform -> Ingest.start(platform.bootstrapServers(), ...))
 *     .routes(app -> app.post("/events", ...))
 *     .start();
 * }</pre>
 */
public final class Standalone implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(Standalone.class);

  private final StandaloneConfig config;
  private final List<Map.Entry<String, Service>> services = new ArrayList<>();
  private final List<Consumer<Javalin>> routes = new ArrayList<>();
  private final Deque<Map.Entry<String, AutoCloseable>> running = new ArrayDeque<>();
  private final ObjectMapper json = new ObjectMapper();
  private LocalPlatform platform;
  private Javalin http;
  private boolean closed;
  private long maxRequestBytes = 1_000_000L;
  private final List<String> notices = new ArrayList<>();

  public Standalone(StandaloneConfig config) {
    this.config = config;
  }

  /** Adds a service started after the platform, in the order of these calls. */
  public Standalone service(String name, Service service) {
    requireNotStarted();
    services.add(Map.entry(name, service));
    return this;
  }

  /** Adds HTTP routes to the standalone HTTP server. */
  public Standalone routes(Consumer<Javalin> addRoutes) {
    requireNotStarted();
    routes.add(addRoutes);
    return this;
  }

  /** Starts broker, registry, services and HTTP; on failure stops what was started. */
  public synchronized Standalone start() {
    requireNotStarted();
    if (config.httpPort() != 0) {
      Ports.requireFree(config.httpPort(), "HTTP API");
    }
    try {
      platform =
          LocalPlatform.start(
              withTopics(
                  LocalPlatformConfig.in(config.dataDir())
                      .withPorts(
                          config.kafkaPort(), config.controllerPort(), config.registryPort()),
                  config));
      for (Map.Entry<String, Service> service : services) {
        LOG.info("starting {}", service.getKey());
        running.push(Map.entry(service.getKey(), service.getValue().start(platform)));
      }
      http = startHttp();
      return this;
    } catch (Exception e) {
      close();
      throw e instanceof RuntimeException r
          ? r
          : new IllegalStateException("standalone: " + e.getMessage(), e);
    }
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

  private Javalin startHttp() {
    Javalin app =
        Javalin.create(
            javalin -> {
              javalin.showJavalinBanner = false;
              javalin.startupWatcherEnabled = false;
              javalin.http.maxRequestSize = maxRequestBytes;
            });
    app.get(
        "/health",
        ctx ->
            ctx.status(isHealthy() ? HttpStatus.OK : HttpStatus.SERVICE_UNAVAILABLE)
                .contentType("application/json")
                .result(json.writeValueAsString(health())));
    routes.forEach(r -> r.accept(app));
    try {
      app.start(config.httpHost(), config.httpPort());
    } catch (RuntimeException e) {
      throw new IllegalStateException(
          "HTTP API: cannot listen on "
              + config.httpHost()
              + ":"
              + config.httpPort()
              + " ("
              + rootMessage(e)
              + ")",
          e);
    }
    return app;
  }

  private static String rootMessage(Throwable e) {
    Throwable root = e;
    while (root.getCause() != null) {
      root = root.getCause();
    }
    return root.getMessage();
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
    running.descendingIterator().forEachRemaining(service -> names.add(service.getKey()));
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
      http.stop();
    }
    while (!running.isEmpty()) {
      Map.Entry<String, AutoCloseable> service = running.pop();
      try {
        service.getValue().close();
        LOG.info("stopped {}", service.getKey());
      } catch (Exception e) {
        LOG.warn("stopping {} failed: {}", service.getKey(), e.toString());
      }
    }
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
