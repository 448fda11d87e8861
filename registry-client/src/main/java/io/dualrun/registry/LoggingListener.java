package io.dualrun.registry;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Says in the log why a service is not making progress while the registry is down, and counts the
 * waits so that a service can publish them as metrics ({@link #waits()}, {@link #recoveries()}).
 */
public final class LoggingListener implements RetryingSchemaRegistry.Listener {
  private static final Logger LOG = LoggerFactory.getLogger(LoggingListener.class);

  private final String component;
  private final AtomicLong waits = new AtomicLong();
  private final AtomicLong recoveries = new AtomicLong();

  public LoggingListener(String component) {
    this.component = component;
  }

  @Override
  public void waiting(
      String what, RegistryException failure, Duration waitedSoFar, Duration pause) {
    waits.incrementAndGet();
    LOG.warn(
        "{}: the schema registry is unavailable ({}); cannot {} yet, waited {} ms so far, retrying"
            + " in {} ms",
        component,
        failure.reason(),
        what,
        waitedSoFar.toMillis(),
        pause.toMillis());
  }

  @Override
  public void recovered(String what, Duration waited) {
    recoveries.incrementAndGet();
    LOG.info(
        "{}: the schema registry answered again; {} after {} ms",
        component,
        what,
        waited.toMillis());
  }

  /** How many waits (retries of a call) there have been. */
  public long waits() {
    return waits.get();
  }

  /** How many calls succeeded after having waited. */
  public long recoveries() {
    return recoveries.get();
  }
}
