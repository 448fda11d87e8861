package io.dualrun.service.lifecycle;

import io.dualrun.config.ConfigException;
import io.dualrun.inventory.InventoryException;
import java.io.PrintStream;
import java.util.concurrent.CountDownLatch;

/**
 * How every service runs from the command line ({@code dualrun ingest|reconciler|alerting}): start,
 * serve until the JVM is asked to stop (Ctrl-C, SIGTERM), stop gracefully. The same exit codes for
 * every service:
 *
 * <ul>
 *   <li>{@value #STOPPED}: stopped when asked to;
 *   <li>{@value #FAILED}: could not start (Kafka, the registry or a port unavailable…): the reason
 *       on stderr;
 *   <li>{@value #BAD_CONFIGURATION}: the configuration or the inventory is invalid: the file, the
 *       key and the reason on stderr.
 * </ul>
 */
public final class ServiceRunner {
  public static final int STOPPED = 0;
  public static final int FAILED = 1;
  public static final int BAD_CONFIGURATION = 2;

  /** Starts a service; what it returns is closed to stop it. */
  @FunctionalInterface
  public interface Starter {
    AutoCloseable start() throws Exception;
  }

  private ServiceRunner() {}

  /** Starts {@code name}, serves until the JVM stops, and returns the exit code. */
  public static int run(String name, Starter starter) throws InterruptedException {
    return run(name, starter, System.err, new CountDownLatch(1), true);
  }

  static int run(
      String name,
      Starter starter,
      PrintStream err,
      CountDownLatch stopRequested,
      boolean onShutdown)
      throws InterruptedException {
    AutoCloseable running;
    try {
      running = starter.start();
    } catch (ConfigException | InventoryException e) {
      err.println("dualrun " + name + ": " + e.getMessage());
      return BAD_CONFIGURATION;
    } catch (InterruptedException e) {
      throw e;
    } catch (Exception e) {
      err.println("dualrun " + name + ": cannot start: " + rootMessage(e));
      return FAILED;
    }
    CountDownLatch stopped = new CountDownLatch(1);
    Thread stopper =
        new Thread(
            () -> {
              try {
                running.close();
              } catch (Exception e) {
                err.println("dualrun " + name + ": error while stopping: " + rootMessage(e));
              } finally {
                stopped.countDown();
              }
            },
            name + "-shutdown");
    if (onShutdown) {
      Runtime.getRuntime().addShutdownHook(stopper);
    } else {
      stopRequested.await();
      stopper.start();
    }
    stopped.await();
    return STOPPED;
  }

  private static String rootMessage(Throwable e) {
    Throwable t = e;
    while (t.getCause() != null && t.getCause() != t) {
      t = t.getCause();
    }
    String top = e.getMessage() == null ? e.toString() : e.getMessage();
    return t == e ? top : top + " (" + t + ")";
  }
}
