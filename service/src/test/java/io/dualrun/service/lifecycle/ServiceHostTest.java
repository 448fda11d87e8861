package io.dualrun.service.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dualrun.config.auth.AccessPolicy;
import io.dualrun.config.auth.AccessToken;
import io.dualrun.config.auth.Role;
import io.dualrun.service.metrics.ServiceMetrics;
import io.dualrun.service.probe.ReadinessCheck;
import io.javalin.Javalin;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** One host over real HTTP: probes, metrics, the token check, start and stop order. */
class ServiceHostTest {
  private static final String SOURCE = "source-token-0123456789";
  private static final HttpClient HTTP = HttpClient.newHttpClient();
  private final List<String> lifecycle = new ArrayList<>();
  private ServiceHost host;

  @AfterEach
  void stop() {
    if (host != null) {
      host.close();
    }
  }

  /** A service with one read, one mutation needing the source role, and one check. */
  private final class Fake implements HostedService {
    final String name;
    final AtomicBoolean ready = new AtomicBoolean(true);
    volatile int toldPort = -1;

    Fake(String name) {
      this.name = name;
    }

    @Override
    public String name() {
      return name;
    }

    @Override
    public Map<String, Role> mutations() {
      return Map.of("/" + name + "/in", Role.SOURCE);
    }

    @Override
    public void routes(Javalin app) {
      app.get("/" + name, ctx -> ctx.result(name + " read"));
      app.post("/" + name + "/in", ctx -> ctx.status(202).result("{}"));
    }

    @Override
    public List<ReadinessCheck> readiness() {
      return List.of(
          new ReadinessCheck() {
            @Override
            public String name() {
              return "kafka";
            }

            @Override
            public Result check() {
              return ready.get() ? Result.ok("writable") : Result.failed("no leader");
            }

            @Override
            public void close() {
              lifecycle.add(name + " check closed");
            }
          });
    }

    @Override
    public void listening(int httpPort) {
      lifecycle.add(name + " listening");
      toldPort = httpPort;
    }

    @Override
    public Map<String, Object> health() {
      return Map.of("state", "RUNNING");
    }

    @Override
    public void close() {
      lifecycle.add(name + " closed");
    }
  }

  private static AccessPolicy policy() {
    return AccessPolicy.of(List.of(new AccessToken("hook", SOURCE, Set.of(Role.SOURCE))), false);
  }

  private ServiceHost start(HostedService... services) {
    ServiceHost.Builder b =
        ServiceHost.builder(policy(), ServiceMetrics.create()).listen("127.0.0.1", 0);
    for (HostedService s : services) {
      b.service(s);
    }
    host = b.start();
    return host;
  }

  @Test
  void aServiceAloneAnswersHealthReadyMetricsAndItsRoutes() throws Exception {
    Fake ingest = new Fake("ingest");
    ServiceHost h = start(ingest);
    assertThat(get(h, "/health").body()).isEqualTo("{\"status\":\"UP\",\"state\":\"RUNNING\"}");
    HttpResponse<String> ready = get(h, "/ready");
    assertThat(ready.statusCode()).isEqualTo(200);
    assertThat(ready.body()).contains("\"READY\"").contains("\"kafka\"");
    HttpResponse<String> metrics = get(h, "/metrics");
    assertThat(metrics.statusCode()).isEqualTo(200);
    assertThat(metrics.body()).contains("jvm_memory_used_bytes");
    assertThat(get(h, "/ingest").body()).isEqualTo("ingest read");

    ingest.ready.set(false);
    ready = get(h, "/ready");
    assertThat(ready.statusCode()).isEqualTo(503);
    assertThat(ready.body()).contains("NOT_READY").contains("no leader");
    assertThat(get(h, "/health").statusCode()).as("liveness only").isEqualTo(200);
  }

  @Test
  void theServicesMutationsNeedTheirRole() throws Exception {
    ServiceHost h = start(new Fake("ingest"));
    assertThat(post(h, "/ingest/in", null).statusCode()).isEqualTo(401);
    assertThat(post(h, "/ingest/in", SOURCE).statusCode()).isEqualTo(202);
  }

  @Test
  void severalServicesShareOneServerAndTheirChecksCarryTheirNames() throws Exception {
    ServiceHost h = start(new Fake("ingest"), new Fake("alerting"));
    assertThat(get(h, "/ingest").body()).isEqualTo("ingest read");
    assertThat(get(h, "/alerting").body()).isEqualTo("alerting read");
    assertThat(post(h, "/alerting/in", SOURCE).statusCode()).isEqualTo(202);
    assertThat(get(h, "/ready").body()).contains("\"ingest.kafka\"", "\"alerting.kafka\"");
  }

  @Test
  void servicesAreToldThePortAndStoppedInReverseOrderAfterHttp() throws Exception {
    Fake ingest = new Fake("ingest");
    Fake reconciler = new Fake("reconciler");
    ServiceHost h = start(ingest, reconciler);
    int port = h.port();
    assertThat(lifecycle).containsExactly("ingest listening", "reconciler listening");
    assertThat(ingest.toldPort).isEqualTo(port);
    assertThat(reconciler.toldPort).isEqualTo(port);
    lifecycle.clear();
    h.close();
    assertThat(lifecycle)
        .containsExactly(
            "reconciler closed", "ingest closed", "ingest check closed", "reconciler check closed");
    assertThatThrownBy(() -> get(port, "/health")).isInstanceOf(java.io.IOException.class);
  }

  @Test
  void aPortInUseFailsTheStartAndStopsTheServices() throws Exception {
    try (ServerSocket taken = new ServerSocket(0)) {
      ServiceHost.Builder b =
          ServiceHost.builder(policy(), ServiceMetrics.create())
              .listen("127.0.0.1", taken.getLocalPort())
              .service(new Fake("ingest"));
      assertThatThrownBy(b::start)
          .hasMessageContaining("cannot listen on 127.0.0.1:" + taken.getLocalPort());
      assertThat(lifecycle).contains("ingest closed", "ingest check closed");
    }
  }

  private static HttpResponse<String> get(ServiceHost h, String path) throws Exception {
    return get(h.port(), path);
  }

  private static HttpResponse<String> get(int port, String path) throws Exception {
    return HTTP.send(
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private static HttpResponse<String> post(ServiceHost h, String path, String token)
      throws Exception {
    HttpRequest.Builder r =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + h.port() + path))
            .POST(HttpRequest.BodyPublishers.ofString("{}"));
    if (token != null) {
      r.header("Authorization", "Bearer " + token);
    }
    return HTTP.send(r.build(), HttpResponse.BodyHandlers.ofString());
  }
}
