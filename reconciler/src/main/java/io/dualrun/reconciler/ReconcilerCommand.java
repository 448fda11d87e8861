package io.dualrun.reconciler;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
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
      names = "--config",
      required = true,
      paramLabel = "FILE",
      description = "Service configuration (YAML); see docs/reconciler.md.")
  Path config;

  @Override
  public Integer call() throws InterruptedException {
    Runnable stop = ReconcilerService.run(ReconcilerMain.load(config));
    CountDownLatch done = new CountDownLatch(1);
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  stop.run();
                  done.countDown();
                },
                "reconciler-shutdown"));
    done.await();
    return 0;
  }
}
