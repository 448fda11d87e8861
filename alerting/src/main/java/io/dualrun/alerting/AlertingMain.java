package io.dualrun.alerting;

import io.dualrun.config.auth.Role;
import io.dualrun.schemas.topic.TopicCatalog;
import io.dualrun.service.auth.HttpAuth;
import io.dualrun.service.metrics.ServiceMetrics;
import io.dualrun.service.probe.Probes;
import io.dualrun.service.probe.ReadinessCheck;
import io.dualrun.service.probe.StandardChecks;
import io.javalin.Javalin;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Runs the alerting service with its HTTP API until the JVM stops. */
public final class AlertingMain {
  private static final Logger LOG = LoggerFactory.getLogger(AlertingMain.class);

  private AlertingMain() {}

  public static void main(String[] args) {
    System.exit(new picocli.CommandLine(new AlertingCommand()).execute(args));
  }

  /** Loads the configuration, starts the service and its HTTP API. */
  public static Running run(Path configFile) {
    AlertingConfig config = AlertingConfig.load(configFile);
    AlertingService service = AlertingService.start(config);
    try {
      Javalin app = Javalin.create(c -> c.showJavalinBanner = false);
      HttpAuth.install(app, config.common().access(), Map.of());
      if (!config.common().access().hasTokenFor(Role.OPERATOR)) {
        LOG.warn(
            "no token has the operator role (auth.tokens): POST and DELETE /v1/silences are"
                + " refused with 401");
      }
      AlertingRoutes.routes(app, service.view(), service.silences(), service.clock());
      List<ReadinessCheck> readiness = new ArrayList<>();
      readiness.add(
          ReadinessCheck.of(
              "fold",
              () ->
                  service.healthy()
                      ? ReadinessCheck.Result.ok("running")
                      : ReadinessCheck.Result.failed("the alert fold is not running")));
      readiness.addAll(
          StandardChecks.of(
              config.common(), List.of(TopicCatalog.NOTIFICATIONS, config.alertsTopic())));
      Probes.health(app);
      Probes.ready(app, readiness);
      ServiceMetrics.route(app, service.metrics());
      app.start("0.0.0.0", config.httpPort());
      LOG.info("alerting HTTP API on port {}", app.port());
      return new Running(service, app, readiness);
    } catch (RuntimeException e) {
      service.close();
      throw e;
    }
  }

  /** A running service and its HTTP server. */
  public record Running(AlertingService service, Javalin app, List<ReadinessCheck> readiness)
      implements AutoCloseable {
    public int port() {
      return app.port();
    }

    @Override
    public void close() {
      app.stop();
      readiness.forEach(ReadinessCheck::close);
      service.close();
    }
  }
}
