package io.dualrun.alerting;

import io.dualrun.config.auth.Role;
import io.dualrun.service.lifecycle.ServiceHost;
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

  /** Loads the configuration, starts the service and its HTTP API; closing the host stops both. */
  public static ServiceHost run(Path configFile) {
    AlertingConfig config = AlertingConfig.load(configFile);
    AlertingService service = AlertingService.start(config);
    if (!config.common().access().hasTokenFor(Role.OPERATOR)) {
      LOG.warn(
          "no token has the operator role (auth.tokens): POST and DELETE /v1/silences are"
              + " refused with 401");
    }
    ServiceHost host =
        ServiceHost.builder(config.common().access(), service.metrics())
            .listen("0.0.0.0", config.httpPort())
            .service(service)
            .start();
    LOG.info("alerting HTTP API on port {}", host.port());
    return host;
  }
}
