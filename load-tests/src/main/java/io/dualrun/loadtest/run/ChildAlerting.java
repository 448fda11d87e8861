package io.dualrun.loadtest.run;

import io.dualrun.alerting.AlertingMain;
import java.nio.file.Path;

/**
 * An alerting instance in its own JVM ({@code AlertingMain --config}) on a fixed HTTP port,
 * killable with -9; it tells how many partitions of the alerts topic it delivers.
 */
public final class ChildAlerting extends ChildService {
  private final String name;

  ChildAlerting(String name, Path config, Path log, int httpPort) {
    super(AlertingMain.class, config, log, "384m", httpPort);
    this.name = name;
  }

  public ChildAlerting start() {
    launch();
    return this;
  }

  public String name() {
    return name;
  }

  /**
   * The partitions of the alerts topic this instance delivers, from its {@code /metrics}; -1 while
   * it does not answer.
   */
  public int deliveryPartitions() {
    double d = gauge("dualrun_alerting_delivery_partitions");
    return Double.isNaN(d) ? -1 : (int) d;
  }
}
