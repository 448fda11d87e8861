package io.dualrun.sql;

import ch.qos.logback.classic.Level;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Flink and Kafka stay quiet unless asked: their log lines are not the command's output. */
final class Logging {
  private Logging() {}

  static void configure(boolean verbose) {
    if (verbose
        && LoggerFactory.getLogger(Logger.ROOT_LOGGER_NAME)
            instanceof ch.qos.logback.classic.Logger root) {
      root.setLevel(Level.INFO);
    }
  }
}
