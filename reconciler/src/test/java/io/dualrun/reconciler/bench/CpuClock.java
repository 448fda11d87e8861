package io.dualrun.reconciler.bench;

import java.lang.management.ManagementFactory;
import java.time.Duration;

/**
 * CPU time used so far by this JVM and by its child processes (the broker and the registry of a
 * {@code LocalPlatform}), to say where a run's work went on a shared machine.
 */
record CpuClock(long selfNanos, long childrenNanos) {
  static CpuClock now() {
    long self =
        ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
            .getProcessCpuTime();
    long children =
        ProcessHandle.current()
            .descendants()
            .mapToLong(p -> p.info().totalCpuDuration().map(Duration::toNanos).orElse(0L))
            .sum();
    return new CpuClock(self, children);
  }

  /** The CPU time used between {@code earlier} and this reading. */
  CpuClock since(CpuClock earlier) {
    return new CpuClock(selfNanos - earlier.selfNanos, childrenNanos - earlier.childrenNanos);
  }
}
