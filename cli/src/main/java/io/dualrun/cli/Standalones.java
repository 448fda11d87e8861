package io.dualrun.cli;

import io.dualrun.alerting.AlertingConfig;
import io.dualrun.alerting.AlertingRoutes;
import io.dualrun.alerting.AlertingService;
import io.dualrun.config.CommonSettings;
import io.dualrun.config.ConfigMap;
import io.dualrun.ingest.IngestConfig;
import io.dualrun.ingest.IngestRoutes;
import io.dualrun.ingest.IngestService;
import io.dualrun.platform.Ports;
import io.dualrun.reconciler.ReconcilerConfig;
import io.dualrun.reconciler.ReconcilerService;
import io.dualrun.reconciler.web.DashboardRoutes;
import io.dualrun.service.auth.HttpAuth;
import io.dualrun.service.metrics.ServiceMetrics;
import io.dualrun.service.probe.Probes;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.util.concurrent.atomic.AtomicReference;

/**
 * What {@code dualrun standalone} runs: the platform, then ingest, the reconciler and alerting, all
 * behind one HTTP port. Each service gets the same configuration it would read when run alone.
 */
final class Standalones {
  /** Largest HTTP request body; ingest refuses bodies above its own limit with 413. */
  private static final long MAX_REQUEST_BYTES = 64L * 1024 * 1024;

  private Standalones() {}

  static Standalone create(StandaloneConfig config) {
    return create(config, ConfigMap.empty());
  }

  static Standalone create(StandaloneConfig requested, ConfigMap userSettings) {
    // the reconciler advertises the HTTP port to its peers, so it is fixed before anything starts
    StandaloneConfig config =
        requested.httpPort() == 0 ? requested.withHttpPort(Ports.free()) : requested;
    ServiceSettings settings = new ServiceSettings(userSettings, config);
    AtomicReference<IngestService> ingest = new AtomicReference<>();
    AtomicReference<ReconcilerService> reconciler = new AtomicReference<>();
    AtomicReference<AlertingService> alerting = new AtomicReference<>();
    Standalone standalone = new Standalone(config);
    // one /metrics for the whole process: every service's meters and the JVM's
    PrometheusMeterRegistry metrics = ServiceMetrics.create();
    settings.access().banner(settings.baseUrl()).forEach(standalone::notice);
    if (!settings.hasReceivers()) {
      standalone.notice(
          "Alerting         no receiver configured: alerts are listed on /v1/alerts and the"
              + " dashboard, nobody is notified (receivers: in --config)");
    }
    return standalone
        .maxRequestBytes(MAX_REQUEST_BYTES)
        .service(
            "ingest",
            platform -> {
              IngestService service =
                  IngestService.start(IngestConfig.from(settings.forPlatform(platform)), metrics);
              ingest.set(service);
              return service;
            })
        .service(
            "reconciler",
            platform -> {
              ConfigMap c = settings.forPlatform(platform);
              ReconcilerService service =
                  ReconcilerService.create(
                      ReconcilerConfig.from(c, CommonSettings.from(c)), metrics);
              reconciler.set(service);
              service.start(config.httpPort());
              return service;
            })
        .service(
            "alerting",
            platform -> {
              AlertingService service =
                  AlertingService.start(
                      AlertingConfig.from(settings.forPlatform(platform)), metrics);
              alerting.set(service);
              return service;
            })
        .service(
            "configuration check",
            platform -> {
              settings.checkNoUnknownKeys();
              return () -> {};
            })
        .routes(
            app -> {
              // one policy for the whole API: ingest's tokens (source) and auth.tokens
              HttpAuth.install(app, ingest.get().api().auth(), IngestRoutes.MUTATIONS);
              IngestRoutes.routes(app, ingest.get().api());
              Probes.ready(app, ingest.get().readiness());
              ServiceMetrics.route(app, metrics);
              reconciler.get().routes(app);
              DashboardRoutes.routes(app);
              AlertingService a = alerting.get();
              AlertingRoutes.routes(app, a.view(), a.silences(), a.clock());
            });
  }
}
