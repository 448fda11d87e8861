package io.dualrun.loadtest.run;

import io.dualrun.platform.ChildJvm;
import io.dualrun.reconciler.ReconcilerMain;
import java.nio.file.Path;
import java.util.List;

/** A reconciler instance in its own JVM ({@code ReconcilerMain --config}), killable with -9. */
public final class ChildReconciler implements AutoCloseable {
  private final Path config;
  private final Path log;
  private Process process;

  ChildReconciler(Path config, Path log) {
    this.config = config;
    this.log = log;
  }

  public synchronized ChildReconciler start() {
    process =
        ChildJvm.start(ReconcilerMain.class, List.of("--config", config.toString()), "384m", log);
    return this;
  }

  /** kill -9: no shutdown hook, no clean close. */
  public synchronized void kill() {
    if (process != null) {
      process.destroyForcibly();
      waitFor();
      process = null;
    }
  }

  public synchronized boolean alive() {
    return process != null && process.isAlive();
  }

  public long pid() {
    return process == null ? -1 : process.pid();
  }

  public Path log() {
    return log;
  }

  @Override
  public synchronized void close() {
    if (process != null) {
      process.destroy();
      waitFor();
      if (process.isAlive()) {
        process.destroyForcibly();
      }
      process = null;
    }
  }

  private void waitFor() {
    try {
      process.waitFor(30, java.util.concurrent.TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
