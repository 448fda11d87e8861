package io.dualrun.platform;

import java.io.IOException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.Arrays;

/**
 * Entry point of every child process started by the platform: it runs the real main class and exits
 * as soon as its standard input reaches end-of-file, which happens when the parent process dies for
 * any reason (even {@code kill -9}), so a child never outlives its parent and never keeps a port.
 * Uses the JDK only, so it can be put on any child's class path.
 *
 * <p>Usage: {@code java -cp <child class path>:<this class> io.dualrun.platform.ParentGuard
 * <main-class> [args...]}
 */
public final class ParentGuard {
  static final int EXIT_PARENT_GONE = 143;

  private ParentGuard() {}

  public static void main(String[] args) throws Throwable {
    if (args.length == 0) {
      System.err.println("usage: ParentGuard <main-class> [args...]");
      System.exit(2);
    }
    Thread watcher = new Thread(ParentGuard::watchParent, "parent-guard");
    watcher.setDaemon(true);
    watcher.start();
    Method main = Class.forName(args[0]).getMethod("main", String[].class);
    try {
      main.invoke(null, (Object) Arrays.copyOfRange(args, 1, args.length));
    } catch (InvocationTargetException e) {
      throw e.getCause();
    }
  }

  private static void watchParent() {
    try {
      byte[] buffer = new byte[256];
      while (System.in.read(buffer) >= 0) {
        // the parent never writes: anything read is ignored
      }
    } catch (IOException e) {
      // a broken pipe means the same as end-of-file
    }
    System.err.println("ParentGuard: standard input closed (parent stopped or gone), exiting");
    System.exit(EXIT_PARENT_GONE);
  }
}
