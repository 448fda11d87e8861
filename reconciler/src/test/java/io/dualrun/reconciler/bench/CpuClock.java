package io.dualrun.reconciler.bench;

import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.time.Duration;

/**
 * CPU time used so far by this JVM and by its child processes (the broker and the registry of a
 * {@code LocalPlatform}), to say where a run's work went on a shared machine; and, within this
 * JVM's share, the time its JIT compilers spent compiling and the time its collector spent
 * collecting.
 */
record CpuClock(long selfNanos, long childrenNanos, long jitNanos, long gcNanos) {
  static CpuClock now() {
    long self =
        ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
            .getProcessCpuTime();
    long children =
        ProcessHandle.current()
            .descendants()
            .mapToLong(p -> p.info().totalCpuDuration().map(Duration::toNanos).orElse(0L))
            .sum();
    long jit = ManagementFactory.getCompilationMXBean().getTotalCompilationTime() * 1_000_000L;
    long gc = 0;
    for (GarbageCollectorMXBean b : ManagementFactory.getGarbageCollectorMXBeans()) {
      gc += Math.max(0, b.getCollectionTime()) * 1_000_000L;
    }
    return new CpuClock(self, children, jit, gc);
  }

  /**
   * CPU time used so far by the live threads whose name contains {@code application} (a Kafka
   * Streams application's stream threads and its clients' network threads).
   */
  static long threadsOf(String application) {
    java.lang.management.ThreadMXBean mx = ManagementFactory.getThreadMXBean();
    long total = 0;
    for (Thread t : Thread.getAllStackTraces().keySet()) {
      if (t.getName().contains(application)) {
        total += Math.max(0, mx.getThreadCpuTime(t.getId()));
      }
    }
    return total;
  }

  /** The CPU time used between {@code earlier} and this reading. */
  CpuClock since(CpuClock earlier) {
    return new CpuClock(
        selfNanos - earlier.selfNanos,
        childrenNanos - earlier.childrenNanos,
        jitNanos - earlier.jitNanos,
        gcNanos - earlier.gcNanos);
  }
}
