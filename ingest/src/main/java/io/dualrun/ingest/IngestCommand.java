package io.dualrun.ingest;

import io.dualrun.service.lifecycle.ServiceRunner;
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
    return ServiceRunner.run("ingest", () -> IngestMain.start(config));
  }
}
