package io.dualrun.platform;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.jar.JarFile;
import java.util.jar.Manifest;

/** The running JVM's java executable and class path, for child JVMs running our own jars. */
final class JavaRuntime {
  private JavaRuntime() {}

  static Path currentJava() {
    return Path.of(System.getProperty("java.home"), "bin", isWindows() ? "java.exe" : "java");
  }

  /**
   * The current class path, with manifest-only jars (as test runners use) expanded to the entries
   * their manifest lists, so the child sees the same classes.
   */
  static List<String> currentClassPath() {
    Set<String> entries = new LinkedHashSet<>();
    for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
      if (entry.isBlank()) {
        continue;
      }
      Path path = Path.of(entry).toAbsolutePath().normalize();
      entries.add(path.toString());
      entries.addAll(manifestClassPath(path));
    }
    return List.copyOf(entries);
  }

  private static List<String> manifestClassPath(Path jar) {
    if (!jar.toString().endsWith(".jar") || !Files.isRegularFile(jar)) {
      return List.of();
    }
    try (JarFile file = new JarFile(jar.toFile())) {
      Manifest manifest = file.getManifest();
      String classPath =
          manifest == null ? null : manifest.getMainAttributes().getValue("Class-Path");
      if (classPath == null || file.size() > 8) {
        return List.of();
      }
      List<String> result = new ArrayList<>();
      for (String item : classPath.trim().split("\\s+")) {
        Path path =
            item.startsWith("file:")
                ? Path.of(java.net.URI.create(item))
                : jar.toAbsolutePath().getParent().resolve(item);
        result.add(path.toString());
      }
      return result;
    } catch (IOException | IllegalArgumentException e) {
      return List.of();
    }
  }

  private static boolean isWindows() {
    return System.getProperty("os.name", "").toLowerCase(java.util.Locale.ROOT).contains("win");
  }
}
