package io.dualrun.ingest;

import io.javalin.Javalin;

/** A Javalin server carrying the ingest endpoints and {@code /health}, {@code /metrics}. */
public final class IngestServer {
  private IngestServer() {}

  /** Not started yet: call {@code start(host, port)}. */
  public static Javalin create(IngestApi api, long maxBodyBytes) {
    Javalin app =
        Javalin.create(
            config -> {
              config.showJavalinBanner = false;
              config.http.maxRequestSize = maxBodyBytes;
            });
    IngestRoutes.routes(app, api);
    IngestRoutes.operational(app, api);
    return app;
  }
}
