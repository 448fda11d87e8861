package io.dualrun.loadtest.run;

import io.dualrun.reconciler.ReconcilerMain;
import java.nio.file.Path;
import java.time.Duration;

/** A reconciler instance in its own JVM ({@code ReconcilerMain --config}), killable with -9. */
public final class ChildReconciler extends ChildService {
  ChildReconciler(Path config, Path log, int httpPort) {
    super(ReconcilerMain.class, config, log, "384m", httpPort);
  }

  public ChildReconciler start() {
    launch();
    return this;
  }

  /**
   * Waits until this instance holds a copy of every one of the {@code tasks} tasks, active or
   * standby, caught up with its changelog (store lag at most {@code maxLag} records), as an
   * operator does before restarting the next instance; returns how long that took, or null when it
   * did not happen within {@code patience}.
   */
  public Duration awaitCopies(int tasks, long maxLag, Duration patience) {
    long start = System.nanoTime();
    while (System.nanoTime() - start < patience.toNanos()) {
      double held =
          gauge("dualrun_reconciler_active_tasks") + gauge("dualrun_reconciler_standby_tasks");
      double lag = gauge("dualrun_reconciler_store_lag_records");
      if (held >= tasks && lag <= maxLag) {
        return Duration.ofNanos(System.nanoTime() - start);
      }
      sleep(250);
    }
    return null;
  }
}
