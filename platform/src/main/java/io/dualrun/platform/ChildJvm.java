package io.dualrun.platform;

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

/**
 * Runs a main class in a separate JVM on this JVM's class path (e.g. a service instance a test
 * kills with -9), its output appended to a log file.
 */
public final class ChildJvm {
  private ChildJvm() {}

  /**
   * Starts {@code main} with {@code args} and at most {@code maxHeap} of heap (a {@code -Xmx} value
   * such as {@code 384m}).
   */
  public static Process start(Class<?> main, List<String> args, String maxHeap, Path log) {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("-Xmx" + maxHeap);
    command.add("-cp");
    command.add(String.join(File.pathSeparator, classPath()));
    command.add(main.getName());
    command.addAll(args);
    try {
      return new ProcessBuilder(command)
          .redirectErrorStream(true)
          .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
          .start();
    } catch (IOException e) {
      throw new UncheckedIOException(
          "cannot start a JVM for " + main.getName() + ": " + e.getMessage(), e);
    }
  }

  /** This JVM's class path, with manifest-only jars (as Surefire and Failsafe use) expanded. */
  public static List<String> classPath() {
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
