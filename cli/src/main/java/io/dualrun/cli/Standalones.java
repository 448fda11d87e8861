package io.dualrun.cli;

import io.dualrun.alerting.AlertingConfig;
import io.dualrun.alerting.AlertingService;
import io.dualrun.config.CommonSettings;
import io.dualrun.config.ConfigMap;
import io.dualrun.ingest.IngestConfig;
import io.dualrun.ingest.IngestService;
import io.dualrun.platform.Ports;
import io.dualrun.reconciler.ReconcilerConfig;
import io.dualrun.reconciler.ReconcilerService;
import io.dualrun.service.metrics.ServiceMetrics;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;

/**
 * What {@code dualrun standalone} runs: the platform, then ingest, the reconciler and alerting, all
 * behind one HTTP port. Each service gets the same configuration it would read when run alone and
 * is the same object it is alone; the reconciler starts Kafka Streams once HTTP listens.
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
        .metrics(metrics)
        // one policy for the whole API: ingest's tokens (source) and auth.tokens
        .access(platform -> IngestConfig.from(settings.forPlatform(platform)).auth())
        .service(
            platform ->
                IngestService.start(IngestConfig.from(settings.forPlatform(platform)), metrics))
        .service(
            platform -> {
              ConfigMap c = settings.forPlatform(platform);
              return ReconcilerService.create(
                  ReconcilerConfig.from(c, CommonSettings.from(c)), metrics);
            })
        .service(
            platform ->
                AlertingService.start(AlertingConfig.from(settings.forPlatform(platform)), metrics))
        .check(platform -> settings.checkNoUnknownKeys());
  }
}
