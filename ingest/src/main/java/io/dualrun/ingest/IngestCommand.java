package io.dualrun.ingest;

import io.dualrun.config.ConfigException;
import io.dualrun.inventory.InventoryException;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code dualrun ingest --config FILE}. */
@Command(
    name = "ingest",
    mixinStandardHelpOptions = true,
    description = "Runs the ingest HTTP service (native events, fingerprints, OpenLineage).")
public final class IngestCommand implements Callable<Integer> {
  @Option(
      names = {"-c", "--config"},
      required = true,
      paramLabel = "FILE",
      description = "Service configuration (YAML); see docs/ingest.md.")
  Path config;

  @Override
  public Integer call() throws InterruptedException {
    try {
      IngestMain.run(config);
      return 0;
    } catch (ConfigException | InventoryException e) {
      System.err.println("dualrun ingest: " + e.getMessage());
      return 2;
    }
  }
}
