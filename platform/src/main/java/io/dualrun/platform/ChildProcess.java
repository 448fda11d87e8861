package io.dualrun.platform;

import java.io.File;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A child JVM started through {@link ParentGuard}: it dies with this JVM, its output goes to a log
 * file, and a failure message can carry the tail of that log.
 */
final class ChildProcess implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(ChildProcess.class);
  private static final int TAIL_LINES = 40;
  private static final int TAIL_BYTES = 16 * 1024;

  private final String name;
  private final Process process;
  private final Path logFile;
  private final ShutdownSequence.Registration registration;

  private ChildProcess(String name, Process process, Path logFile) {
    this.name = name;
    this.process = process;
    this.logFile = logFile;
    this.registration = ShutdownSequence.registerChild(name, this::stopQuietly);
  }

  /**
   * Starts {@code java [jvmArgs] -cp classPath:<ParentGuard> ParentGuard mainClass [args]}.
   *
   * @param java the java executable
   * @param classPath the child's class path entries (ParentGuard's location is appended)
   */
  static ChildProcess start(
      String name,
      Path java,
      List<String> jvmArgs,
      List<String> classPath,
      String mainClass,
      List<String> args,
      Map<String, String> env,
      Path workDir,
      Path logFile) {
    List<String> command = new ArrayList<>();
    command.add(java.toString());
    command.addAll(jvmArgs);
    List<String> entries = new ArrayList<>(classPath);
    entries.add(guardLocation());
    command.add("-cp");
    command.add(String.join(File.pathSeparator, entries));
    command.add(ParentGuard.class.getName());
    command.add(mainClass);
    command.addAll(args);
    ProcessBuilder builder =
        new ProcessBuilder(command)
            .directory(workDir.toFile())
            .redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile.toFile()));
    builder.environment().putAll(env);
    try {
      Files.writeString(
          logFile,
          "---- " + name + " starting: " + String.join(" ", command) + System.lineSeparator(),
          StandardCharsets.UTF_8,
          StandardOpenOption.CREATE,
          StandardOpenOption.APPEND);
      Process process = builder.start();
      LOG.debug("{} started as pid {}, output in {}", name, process.pid(), logFile);
      return new ChildProcess(name, process, logFile);
    } catch (IOException e) {
      throw new PlatformException(
          name
              + ": cannot start "
              + java
              + " ("
              + e.getMessage()
              + "), output would be in "
              + logFile,
          e);
    }
  }

  /** Where ParentGuard's class is: a classes directory or the platform jar. */
  static String guardLocation() {
    try {
      return Path.of(ParentGuard.class.getProtectionDomain().getCodeSource().getLocation().toURI())
          .toString();
    } catch (URISyntaxException e) {
      throw new IllegalStateException("cannot locate ParentGuard's class path entry", e);
    }
  }

  boolean isAlive() {
    return process.isAlive();
  }

  long pid() {
    return process.pid();
  }

  Path logFile() {
    return logFile;
  }

  /** Exit code, or -1 while running. */
  int exitCode() {
    return process.isAlive() ? -1 : process.exitValue();
  }

  /** Asks the child to stop (SIGTERM: its shutdown hooks run), forcibly after {@code timeout}. */
  void stop(long timeoutMillis) {
    try {
      if (process.isAlive()) {
        process.destroy();
        if (!process.waitFor(timeoutMillis, TimeUnit.MILLISECONDS)) {
          LOG.warn("{} did not stop within {} ms, killing it", name, timeoutMillis);
          process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
      }
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
    } finally {
      registration.close();
    }
  }

  /** Kills the child at once (SIGKILL), as a crash would. */
  void kill() {
    try {
      process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } finally {
      registration.close();
    }
  }

  private void stopQuietly() {
    stop(20_000);
  }

  @Override
  public void close() {
    stop(30_000);
  }

  /** The last lines of the child's log, for failure messages. */
  String tail() {
    return tail(logFile);
  }

  static String tail(Path file) {
    try (RandomAccessFile in = new RandomAccessFile(file.toFile(), "r")) {
      long length = in.length();
      long from = Math.max(0, length - TAIL_BYTES);
      byte[] bytes = new byte[(int) (length - from)];
      in.seek(from);
      in.readFully(bytes);
      String[] lines = new String(bytes, StandardCharsets.UTF_8).split("\\R");
      int start = Math.max(0, lines.length - TAIL_LINES);
      return String.join(System.lineSeparator(), List.of(lines).subList(start, lines.length));
    } catch (IOException e) {
      return "(cannot read " + file + ": " + e.getMessage() + ")";
    }
  }

  /** A failure message: one line, then the log tail. */
  PlatformException failure(String summary) {
    return new PlatformException(
        summary
            + System.lineSeparator()
            + "---- last lines of "
            + logFile
            + System.lineSeparator()
            + tail());
  }
}
