package io.dualrun.platform;

import java.util.ArrayDeque;
import java.util.Deque;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One JVM shutdown hook that closes what was registered, in reverse order of registration. Child
 * processes register themselves with {@link #registerChild} and are stopped last, after everything
 * registered with {@link #register} (services that use them), even when the code that started them
 * never gets to close them.
 */
public final class ShutdownSequence {
  private static final Logger LOG = LoggerFactory.getLogger(ShutdownSequence.class);
  private static final Deque<Entry> ENTRIES = new ArrayDeque<>();
  private static final Deque<Entry> CHILDREN = new ArrayDeque<>();
  private static boolean hookInstalled;

  private ShutdownSequence() {}

  /** Registers {@code closeable} to be closed at JVM exit; close the handle to deregister. */
  public static Registration register(String name, AutoCloseable closeable) {
    return add(ENTRIES, name, closeable);
  }

  /** Registers a child process's stop, run after everything registered with {@link #register}. */
  static Registration registerChild(String name, AutoCloseable closeable) {
    return add(CHILDREN, name, closeable);
  }

  private static synchronized Registration add(
      Deque<Entry> entries, String name, AutoCloseable closeable) {
    if (!hookInstalled) {
      Runtime.getRuntime()
          .addShutdownHook(new Thread(ShutdownSequence::runAll, "dualrun-shutdown"));
      hookInstalled = true;
    }
    Entry entry = new Entry(name, closeable);
    entries.push(entry);
    return () -> remove(entries, entry);
  }

  private static synchronized void remove(Deque<Entry> entries, Entry entry) {
    entries.remove(entry);
  }

  private static void runAll() {
    while (true) {
      Entry next;
      synchronized (ShutdownSequence.class) {
        next = ENTRIES.isEmpty() ? CHILDREN.poll() : ENTRIES.poll();
      }
      if (next == null) {
        return;
      }
      try {
        next.closeable.close();
      } catch (Exception | Error e) {
        LOG.warn("stopping {} at exit failed: {}", next.name, e.toString());
      }
    }
  }

  /** Handle returned by {@link #register}. */
  public interface Registration extends AutoCloseable {
    @Override
    void close();
  }

  private static final class Entry {
    private final String name;
    private final AutoCloseable closeable;

    private Entry(String name, AutoCloseable closeable) {
      this.name = name;
      this.closeable = closeable;
    }
  }
}
