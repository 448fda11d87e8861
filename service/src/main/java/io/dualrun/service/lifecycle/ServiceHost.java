package io.dualrun.service.lifecycle;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.dualrun.config.auth.AccessPolicy;
import io.dualrun.config.auth.Role;
import io.dualrun.service.auth.HttpAuth;
import io.dualrun.service.metrics.ServiceMetrics;
import io.dualrun.service.probe.Probes;
import io.dualrun.service.probe.ReadinessCheck;
import io.javalin.Javalin;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One HTTP server for one or more {@link HostedService}s, the same for every service run alone and
 * for standalone: the access policy in front of every route, each service's routes, {@code GET
 * /health} (liveness), {@code GET /ready} (every service's checks), {@code GET /metrics}
 * (Prometheus text). Once listening each service is told the port; closing stops HTTP, then the
 * services in reverse order, then the readiness checks.
 *
 * <pre>{@code
 * ServiceHost host = ServiceHost.builder(access, metrics).listen("0.0.0.0", 8080)
 *     .service(ingest).service(reconciler).start();
 * }</pre>
 */
public final class ServiceHost implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(ServiceHost.class);
  private static final ObjectMapper JSON = new ObjectMapper();

  private final Javalin app;
  private final List<HostedService> services;
  private final List<ReadinessCheck> checks;
  private boolean closed;

  private ServiceHost(Javalin app, List<HostedService> services, List<ReadinessCheck> checks) {
    this.app = app;
    this.services = services;
    this.checks = checks;
  }

  public static Builder builder(AccessPolicy access, PrometheusMeterRegistry metrics) {
    return new Builder(access, metrics);
  }

  /** The port HTTP listens on. */
  public int port() {
    return app.port();
  }

  /** The server (for tests that add a route). */
  public Javalin app() {
    return app;
  }

  public List<HostedService> services() {
    return List.copyOf(services);
  }

  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    if (app != null) {
      app.stop();
    }
    for (int i = services.size() - 1; i >= 0; i--) {
      HostedService s = services.get(i);
      try {
        s.close();
        LOG.info("stopped {}", s.name());
      } catch (RuntimeException e) {
        LOG.warn("stopping {} failed: {}", s.name(), e.toString());
      }
    }
    checks.forEach(ReadinessCheck::close);
  }

  /** What a host is made of; {@link #start} builds and starts it. */
  public static final class Builder {
    private final AccessPolicy access;
    private final PrometheusMeterRegistry metrics;
    private final List<HostedService> services = new ArrayList<>();
    private final List<Consumer<Javalin>> extraRoutes = new ArrayList<>();
    private String host = "0.0.0.0";
    private int port;
    private long maxRequestBytes = 1_000_000L;
    private Supplier<Health> health;

    private Builder(AccessPolicy access, PrometheusMeterRegistry metrics) {
      this.access = access;
      this.metrics = metrics;
    }

    /** Where to listen; port 0 takes a free one. */
    public Builder listen(String host, int port) {
      this.host = host;
      this.port = port;
      return this;
    }

    /** The largest request body (the largest asked for wins). */
    public Builder maxRequestBytes(long bytes) {
      maxRequestBytes = Math.max(maxRequestBytes, bytes);
      return this;
    }

    /** Adds a service, told the port and stopped in reverse order of these calls. */
    public Builder service(HostedService service) {
      services.add(service);
      return this;
    }

    /** Adds routes that belong to no service (e.g. the dashboard's static files). */
    public Builder routes(Consumer<Javalin> routes) {
      extraRoutes.add(routes);
      return this;
    }

    /** Replaces what {@code /health} answers (standalone reports its broker and registry). */
    public Builder health(Supplier<Health> health) {
      this.health = health;
      return this;
    }

    /**
     * Starts HTTP and tells every service the port. On failure nothing is left running: the
     * services given are closed.
     */
    public ServiceHost start() {
      List<ReadinessCheck> checks = new ArrayList<>();
      Javalin app = null;
      try {
        Map<String, Role> mutations = new HashMap<>();
        services.forEach(s -> mutations.putAll(s.mutations()));
        // alone a service's checks keep their names; several services prefix them with theirs
        for (HostedService s : services) {
          for (ReadinessCheck c : s.readiness()) {
            checks.add(
                services.size() == 1 ? c : ReadinessCheck.named(s.name() + "." + c.name(), c));
          }
        }
        long maxBytes = maxRequestBytes;
        app =
            Javalin.create(
                c -> {
                  c.showJavalinBanner = false;
                  c.startupWatcherEnabled = false;
                  c.http.maxRequestSize = maxBytes;
                });
        HttpAuth.install(app, access, Map.copyOf(mutations));
        for (HostedService s : services) {
          s.routes(app);
        }
        for (Consumer<Javalin> r : extraRoutes) {
          r.accept(app);
        }
        Supplier<Health> h = health == null ? this::serviceHealth : health;
        app.get(
            "/health",
            ctx -> {
              Health answer = h.get();
              ctx.status(answer.up() ? 200 : 503)
                  .contentType("application/json")
                  .result(JSON.writeValueAsString(answer.body()));
            });
        Probes.ready(app, checks);
        ServiceMetrics.route(app, metrics);
        listen(app);
        for (HostedService s : services) {
          s.listening(app.port());
        }
        return new ServiceHost(app, List.copyOf(services), checks);
      } catch (RuntimeException e) {
        new ServiceHost(app, services, checks).closeQuietly();
        throw e;
      }
    }

    private void listen(Javalin app) {
      try {
        app.start(host, port);
      } catch (RuntimeException e) {
        throw new IllegalStateException(
            "HTTP: cannot listen on " + host + ":" + port + " (" + rootMessage(e) + ")", e);
      }
    }

    private Health serviceHealth() {
      Map<String, Object> body = new LinkedHashMap<>();
      body.put("status", "UP");
      services.forEach(s -> body.putAll(s.health()));
      return new Health(true, body);
    }
  }

  private void closeQuietly() {
    try {
      close();
    } catch (RuntimeException e) {
      LOG.warn("stopping after a failed start: {}", e.toString());
    }
  }

  private static String rootMessage(Throwable e) {
    Throwable root = e;
    while (root.getCause() != null) {
      root = root.getCause();
    }
    return String.valueOf(root.getMessage());
  }

  /** What {@code GET /health} answers: 200 when {@code up}, else 503, with {@code body} as JSON. */
  public record Health(boolean up, Map<String, Object> body) {}
}
