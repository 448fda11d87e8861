package io.dualrun.ingest;

import io.dualrun.config.ConfigMap;
import io.dualrun.service.lifecycle.ServiceHost;
import java.nio.file.Path;

/** {@code dualrun ingest --config FILE}: loads the configuration, starts, serves until stopped. */
public final class IngestMain {
  private IngestMain() {}

  public static void main(String[] args) {
    System.exit(new picocli.CommandLine(new IngestCommand()).execute(args));
  }

  /** Starts the service from {@code configFile}, serving HTTP; closing the host stops it. */
  static ServiceHost start(Path configFile) {
    ConfigMap map = ConfigMap.load(configFile);
    IngestConfig config = IngestConfig.from(map);
    map.checkNoUnknownKeys();
    IngestService service = IngestService.start(config);
    return IngestServer.start(service);
  }
}
