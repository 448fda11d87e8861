package io.dualrun.platform;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/** Test main: starts a guarded child that sleeps, prints its pid, then sleeps itself. */
public final class GuardedParent {
  private GuardedParent() {}

  public static void main(String[] args) throws Exception {
    Path dir = Path.of(args[0]);
    ChildProcess child =
        ChildProcess.start(
            "sleeper",
            JavaRuntime.currentJava(),
            List.of("-Xmx32m"),
            JavaRuntime.currentClassPath(),
            Sleeper.class.getName(),
            List.of(),
            Map.of(),
            dir,
            dir.resolve("sleeper.log"));
    System.out.println("child " + child.pid());
    System.out.flush();
    Thread.sleep(Long.MAX_VALUE);
  }

  /** The child: sleeps until killed. */
  public static final class Sleeper {
    private Sleeper() {}

    public static void main(String[] args) throws InterruptedException {
      Thread.sleep(Long.MAX_VALUE);
    }
  }
}
