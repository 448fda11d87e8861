package io.dualrun.alerting;

import io.javalin.Javalin;
import java.nio.file.Path;
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
      AlertingRoutes.routes(app, service.view(), service.silences(), service.clock());
      app.start("0.0.0.0", config.httpPort());
      LOG.info("alerting HTTP API on port {}", app.port());
      return new Running(service, app);
    } catch (RuntimeException e) {
      service.close();
      throw e;
    }
  }

  /** A running service and its HTTP server. */
  public record Running(AlertingService service, Javalin app) implements AutoCloseable {
    public int port() {
      return app.port();
    }

    @Override
    public void close() {
      app.stop();
      service.close();
    }
  }
}
