package io.dualrun.reconciler;

import io.dualrun.service.lifecycle.ServiceRunner;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code dualrun reconciler --config FILE}: runs the reconciler until interrupted. */
@Command(
    name = "reconciler",
    mixinStandardHelpOptions = true,
    description =
        "Reconcile both sides per workflow/partition: verdicts, mismatches, freshness breaches,"
            + " and the REST API over them.")
public final class ReconcilerCommand implements Callable<Integer> {
  @Option(
      names = {"-c", "--config"},
      required = true,
      paramLabel = "FILE",
      description = "Service configuration (YAML); see docs/reconciler.md.")
  Path config;

  @Override
  public Integer call() throws InterruptedException {
    return ServiceRunner.run(
        "reconciler", () -> ReconcilerService.run(ReconcilerMain.load(config)));
  }
}
