package io.dualrun.ingest;

import io.dualrun.config.auth.Role;
import io.dualrun.service.lifecycle.HostedService;
import io.dualrun.service.lifecycle.ServiceHost;
import io.dualrun.service.probe.ReadinessCheck;
import io.javalin.Javalin;
import java.util.List;
import java.util.Map;

/**
 * Ingest served alone: its endpoints, {@code /health} (liveness), {@code /ready} (Kafka writable,
 * registry answering) and {@code /metrics}, by the {@link ServiceHost} every service uses.
 */
public final class IngestServer {
  private IngestServer() {}

  /** Serves {@code service} on its configured host and port; closing the host stops the service. */
  public static ServiceHost start(IngestService service) {
    IngestConfig config = service.config();
    return ServiceHost.builder(service.api().auth(), service.api().prometheus())
        .listen(config.host(), config.port())
        .maxRequestBytes(config.maxBodyBytes())
        .service(service)
        .start();
  }

  /**
   * Serves the endpoints of {@code api} alone on {@code host:port}, {@code /ready} checking
   * nothing: for tests of the endpoints over a sink of their own.
   */
  public static ServiceHost start(IngestApi api, long maxBodyBytes, String host, int port) {
    return ServiceHost.builder(api.auth(), api.prometheus())
        .listen(host, port)
        .maxRequestBytes(maxBodyBytes)
        .service(endpoints(api))
        .start();
  }

  private static HostedService endpoints(IngestApi api) {
    return new HostedService() {
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

      @Override
      public List<ReadinessCheck> readiness() {
        return List.of();
      }

      @Override
      public void close() {}
    };
  }
}
