package io.dualrun.loadtest.bench;

/** A JVM doing nothing: the baseline of the memory figure. */
public final class Idle {
  private Idle() {}

  public static void main(String[] args) throws InterruptedException {
    Thread.sleep(Long.parseLong(args.length > 0 ? args[0] : "30000"));
  }
}
