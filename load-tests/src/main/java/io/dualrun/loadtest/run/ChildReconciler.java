package io.dualrun.loadtest.run;

import io.dualrun.reconciler.ReconcilerMain;
import java.nio.file.Path;

/** A reconciler instance in its own JVM ({@code ReconcilerMain --config}), killable with -9. */
public final class ChildReconciler extends ChildService {
  ChildReconciler(Path config, Path log) {
    super(ReconcilerMain.class, config, log, "384m");
  }

  public ChildReconciler start() {
    launch();
    return this;
  }
}
