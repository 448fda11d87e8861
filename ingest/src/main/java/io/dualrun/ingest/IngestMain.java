package io.dualrun.ingest;

import io.dualrun.config.ConfigMap;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;

/** {@code dualrun ingest --config FILE}: loads the configuration, starts, serves until stopped. */
public final class IngestMain {
  private IngestMain() {}

  public static void main(String[] args) {
    System.exit(new picocli.CommandLine(new IngestCommand()).execute(args));
  }

  /** Runs the service from {@code configFile} until the JVM is asked to stop. */
  static void run(Path configFile) throws InterruptedException {
    ConfigMap map = ConfigMap.load(configFile);
    IngestConfig config = IngestConfig.from(map);
    map.checkNoUnknownKeys();
    CountDownLatch stopped = new CountDownLatch(1);
    IngestService service = IngestService.start(config);
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  service.close();
                  stopped.countDown();
                },
                "ingest-shutdown"));
    service.serve();
    stopped.await();
  }
}
