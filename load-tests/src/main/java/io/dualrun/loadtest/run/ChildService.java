package io.dualrun.loadtest.run;

import io.dualrun.platform.ChildJvm;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A service instance in its own JVM ({@code <main> --config FILE}), killable with -9 and
 * restartable with the same configuration.
 */
abstract class ChildService implements AutoCloseable {
  private final Class<?> main;
  private final Path config;
  private final Path log;
  private final String maxHeap;
  private Process process;

  ChildService(Class<?> main, Path config, Path log, String maxHeap) {
    this.main = main;
    this.config = config;
    this.log = log;
    this.maxHeap = maxHeap;
  }

  final synchronized void launch() {
    process = ChildJvm.start(main, List.of("--config", config.toString()), maxHeap, log);
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

  public synchronized long pid() {
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
      process.waitFor(30, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
