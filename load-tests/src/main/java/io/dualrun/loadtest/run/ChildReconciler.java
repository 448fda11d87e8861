package io.dualrun.loadtest.run;

import io.dualrun.reconciler.ReconcilerMain;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.jar.JarFile;

/** A reconciler instance in its own JVM ({@code ReconcilerMain --config}), killable with -9. */
public final class ChildReconciler implements AutoCloseable {
  private final Path config;
  private final Path log;
  private Process process;

  ChildReconciler(Path config, Path log) {
    this.config = config;
    this.log = log;
  }

  public synchronized ChildReconciler start() {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("-Xmx384m");
    command.add("-cp");
    command.add(String.join(File.pathSeparator, classPath()));
    command.add(ReconcilerMain.class.getName());
    command.add("--config");
    command.add(config.toString());
    try {
      process =
          new ProcessBuilder(command)
              .redirectErrorStream(true)
              .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
              .start();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start a reconciler JVM: " + e.getMessage(), e);
    }
    return this;
  }

  /** kill -9: no shutdown hook, no clean close. */
  public synchronized void kill() {
    if (process != null) {
      process.destroyForcibly();
      waitFor();
      process = null;
    }
  }

  public synchronized boolean alive() {
    return process != null && process.isAlive();
  }

  public long pid() {
    return process == null ? -1 : process.pid();
  }

  public Path log() {
    return log;
  }

  @Override
  public synchronized void close() {
    if (process != null) {
      process.destroy();
      waitFor();
      if (process.isAlive()) {
        process.destroyForcibly();
      }
      process = null;
    }
  }

  private void waitFor() {
    try {
      process.waitFor(30, java.util.concurrent.TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** This JVM's class path, with manifest-only jars (as Failsafe uses) expanded. */
  static List<String> classPath() {
    Set<String> out = new LinkedHashSet<>();
    for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
      if (entry.isBlank()) {
        continue;
      }
      out.add(entry);
      Path p = Path.of(entry);
      if (entry.endsWith(".jar") && Files.isRegularFile(p)) {
        out.addAll(manifest(p));
      }
    }
    return List.copyOf(out);
  }

  private static List<String> manifest(Path jar) {
    try (JarFile file = new JarFile(jar.toFile())) {
      if (file.getManifest() == null) {
        return List.of();
      }
      String cp = file.getManifest().getMainAttributes().getValue("Class-Path");
      if (cp == null) {
        return List.of();
      }
      List<String> out = new ArrayList<>();
      for (String item : cp.trim().split("\\s+")) {
        URI uri = jar.toUri().resolve(item);
        out.add(Path.of(uri).toString());
      }
      return out;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
