package io.dualrun.registry;

import java.time.Duration;
import java.util.function.Supplier;
import org.apache.avro.Schema;

/**
 * A registry whose calls wait out an outage: a transient failure ({@link
 * RegistryException#isTransient()}: no answer, a 5xx) is retried with exponential backoff until the
 * call succeeds or {@code maxWait} has passed since its first failure, then the last failure is
 * thrown. A final answer (unknown id, incompatible schema, 401) is thrown at once. The {@link
 * Listener} hears about each wait and each recovery, so that logs and metrics say why a service is
 * not making progress.
 */
public final class RetryingSchemaRegistry implements SchemaRegistry {
  /** Hears about waits; called on the waiting thread. */
  public interface Listener {
    /** {@code what} failed transiently; the call retries after {@code pause}. */
    void waiting(String what, RegistryException failure, Duration waitedSoFar, Duration pause);

    /** {@code what} succeeded after failing for {@code waited}. */
    void recovered(String what, Duration waited);

    Listener NONE =
        new Listener() {
          @Override
          public void waiting(String w, RegistryException f, Duration so, Duration p) {}

          @Override
          public void recovered(String w, Duration waited) {}
        };
  }

  /** How the retries are paced. */
  public record Backoff(Duration first, Duration max, Duration maxWait) {
    public static final Backoff DEFAULT =
        new Backoff(Duration.ofMillis(200), Duration.ofSeconds(5), Duration.ofMinutes(2));

    Duration next(Duration previous) {
      Duration doubled = previous.multipliedBy(2);
      return doubled.compareTo(max) > 0 ? max : doubled;
    }
  }

  /** Time and sleeping, replaceable in tests. */
  interface Clock {
    long nanoTime();

    void sleep(Duration d) throws InterruptedException;

    Clock SYSTEM =
        new Clock() {
          @Override
          public long nanoTime() {
            return System.nanoTime();
          }

          @Override
          public void sleep(Duration d) throws InterruptedException {
            Thread.sleep(d.toMillis());
          }
        };
  }

  private final SchemaRegistry delegate;
  private final Backoff backoff;
  private final Listener listener;
  private final Clock clock;

  public RetryingSchemaRegistry(SchemaRegistry delegate, Backoff backoff, Listener listener) {
    this(delegate, backoff, listener, Clock.SYSTEM);
  }

  RetryingSchemaRegistry(SchemaRegistry delegate, Backoff backoff, Listener listener, Clock clock) {
    this.delegate = delegate;
    this.backoff = backoff;
    this.listener = listener;
    this.clock = clock;
  }

  @Override
  public int register(String subject, Schema schema) {
    return retry(
        "register " + schema.getFullName() + " under " + subject,
        () -> delegate.register(subject, schema));
  }

  @Override
  public int lookup(String subject, Schema schema) {
    return retry(
        "look up " + schema.getFullName() + " under " + subject,
        () -> delegate.lookup(subject, schema));
  }

  @Override
  public Schema byId(int id) {
    return retry("fetch schema id " + id, () -> delegate.byId(id));
  }

  @Override
  public int latestId(String subject) {
    return retry("find the latest schema of " + subject, () -> delegate.latestId(subject));
  }

  @Override
  public boolean compatible(String subject, Schema schema) {
    return retry(
        "test " + schema.getFullName() + " against " + subject,
        () -> delegate.compatible(subject, schema));
  }

  private <T> T retry(String what, Supplier<T> call) {
    long start = 0;
    Duration pause = backoff.first();
    boolean failed = false;
    while (true) {
      try {
        T result = call.get();
        if (failed) {
          listener.recovered(what, Duration.ofNanos(clock.nanoTime() - start));
        }
        return result;
      } catch (RegistryException e) {
        if (!e.isTransient()) {
          throw e;
        }
        if (!failed) {
          failed = true;
          start = clock.nanoTime();
        }
        Duration waited = Duration.ofNanos(clock.nanoTime() - start);
        if (waited.plus(pause).compareTo(backoff.maxWait()) > 0) {
          throw e;
        }
        listener.waiting(what, e, waited, pause);
        try {
          clock.sleep(pause);
        } catch (InterruptedException interrupted) {
          Thread.currentThread().interrupt();
          throw e;
        }
        pause = backoff.next(pause);
      }
    }
  }
}
