package io.dualrun.ingest;

import io.dualrun.service.auth.HttpAuth;
import io.dualrun.service.probe.Probes;
import io.dualrun.service.probe.ReadinessCheck;
import io.javalin.Javalin;
import java.util.List;

/**
 * A Javalin server carrying the ingest endpoints and {@code /health} (liveness), {@code /ready}
 * (Kafka writable, registry answering) and {@code /metrics}.
 */
public final class IngestServer {
  private IngestServer() {}

  /** Not started yet: call {@code start(host, port)}. {@code /ready} checks nothing. */
  public static Javalin create(IngestApi api, long maxBodyBytes) {
    return create(api, maxBodyBytes, List.of());
  }

  /** Not started yet; {@code /ready} answers from {@code readiness}. */
  public static Javalin create(IngestApi api, long maxBodyBytes, List<ReadinessCheck> readiness) {
    Javalin app =
        Javalin.create(
            config -> {
              config.showJavalinBanner = false;
              config.http.maxRequestSize = maxBodyBytes;
            });
    HttpAuth.install(app, api.auth(), IngestRoutes.MUTATIONS);
    IngestRoutes.routes(app, api);
    IngestRoutes.operational(app, api);
    Probes.ready(app, readiness);
    return app;
  }
}
