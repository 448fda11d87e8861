package io.dualrun.cli;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.filter.ThresholdFilter;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.Appender;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.core.FileAppender;
import java.nio.file.Path;
import org.slf4j.LoggerFactory;

/**
 * Where {@code demo} and {@code standalone} log: the whole log to {@code dualrun.log} in the data
 * directory, and on standard error only warnings and errors in a compact form — or, with {@code
 * --verbose}, the whole log there too. Standard output carries results alone.
 */
final class LogSetup {
  static final String FILE_NAME = "dualrun.log";
  private static final String FILE = "%d{ISO8601} %-5level [%thread] %logger - %msg%n";
  private static final String FULL = "%d{HH:mm:ss.SSS} %-5level %logger{30} - %msg%n";
  private static final String COMPACT = "dualrun: %level %logger{0}: %msg%n";

  private LogSetup() {}

  /** Sends the log to {@code dataDir/dualrun.log}; returns that file. */
  static Path toDataDir(Path dataDir, boolean verbose) {
    Path file = dataDir.resolve(FILE_NAME).toAbsolutePath();
    if (!(LoggerFactory.getILoggerFactory() instanceof LoggerContext context)) {
      return file;
    }
    Logger root = context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    Appender<ILoggingEvent> previous = root.getAppender("FILE");
    if (previous != null) {
      root.detachAppender(previous);
      previous.stop();
    }
    FileAppender<ILoggingEvent> appender = new FileAppender<>();
    appender.setContext(context);
    appender.setName("FILE");
    appender.setFile(file.toString());
    appender.setAppend(true);
    appender.setEncoder(encoder(context, FILE));
    appender.start();
    root.addAppender(appender);
    Appender<ILoggingEvent> console = root.getAppender("OUT");
    if (console instanceof ConsoleAppender<ILoggingEvent> out) {
      out.stop();
      out.clearAllFilters();
      out.setEncoder(encoder(context, verbose ? FULL : COMPACT));
      if (!verbose) {
        ThresholdFilter warnings = new ThresholdFilter();
        warnings.setLevel(Level.WARN.levelStr);
        warnings.start();
        out.addFilter(warnings);
      }
      out.start();
    }
    return file;
  }

  private static PatternLayoutEncoder encoder(LoggerContext context, String pattern) {
    PatternLayoutEncoder encoder = new PatternLayoutEncoder();
    encoder.setContext(context);
    encoder.setPattern(pattern);
    encoder.start();
    return encoder;
  }
}
