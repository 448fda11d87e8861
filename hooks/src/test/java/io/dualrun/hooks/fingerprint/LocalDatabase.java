package io.dualrun.hooks.fingerprint;

import java.io.File;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A real database server started from the machine's binaries in a temporary directory on a free
 * port, stopped and deleted on close. PostgreSQL from Debian's {@code postgresql} package, MariaDB
 * from {@code mariadb-server}; a missing binary fails with the package to install.
 */
abstract class LocalDatabase implements AutoCloseable {
  final Path dir;
  final int port;

  LocalDatabase(String name) throws IOException {
    this.dir = Files.createTempDirectory("dualrun-" + name + "-");
    this.port = freePort();
  }

  abstract String jdbcUrl();

  Connection connect() throws SQLException {
    return DriverManager.getConnection(jdbcUrl());
  }

  void awaitReady(Process process, Path log) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    SQLException last = null;
    while (System.nanoTime() < deadline) {
      if (process != null && !process.isAlive()) {
        throw new IllegalStateException(getClass().getSimpleName() + " exited: " + tail(log));
      }
      try (Connection c = connect()) {
        return;
      } catch (SQLException e) {
        last = e;
        Thread.sleep(200);
      }
    }
    throw new IllegalStateException("not ready within 60 s: " + last + "\n" + tail(log), last);
  }

  static Path binary(String pkg, List<String> candidates) {
    for (String c : candidates) {
      if (c.contains("*")) {
        Path parent = Path.of(c.substring(0, c.indexOf('*')));
        String rest = c.substring(c.indexOf('*') + 1);
        if (Files.isDirectory(parent)) {
          try (Stream<Path> versions = Files.list(parent)) {
            var found =
                versions
                    .map(v -> Path.of(v + rest))
                    .filter(Files::isExecutable)
                    .max(Comparator.naturalOrder());
            if (found.isPresent()) {
              return found.get();
            }
          } catch (IOException e) {
            throw new IllegalStateException(e);
          }
        }
      } else if (Files.isExecutable(Path.of(c))) {
        return Path.of(c);
      }
    }
    throw new AssertionError(
        "none of "
            + candidates
            + " exists: install the Debian package "
            + pkg
            + " (apt-get install -y "
            + pkg
            + ")");
  }

  static void run(List<String> command, Path log) throws Exception {
    Process p =
        new ProcessBuilder(command)
            .redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
            .start();
    if (!p.waitFor(120, TimeUnit.SECONDS) || p.exitValue() != 0) {
      p.destroyForcibly();
      throw new IllegalStateException(String.join(" ", command) + " failed:\n" + tail(log));
    }
  }

  static Process spawn(List<String> command, Path log) throws IOException {
    return new ProcessBuilder(command)
        .redirectErrorStream(true)
        .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
        .start();
  }

  static List<String> asUser(String user, List<String> command) {
    if (!"root".equals(System.getProperty("user.name"))) {
      return command;
    }
    List<String> wrapped = new ArrayList<>(List.of("runuser", "-u", user, "--"));
    wrapped.addAll(command);
    return wrapped;
  }

  static String tail(Path log) {
    try {
      List<String> lines = Files.readAllLines(log);
      return String.join("\n", lines.subList(Math.max(0, lines.size() - 30), lines.size()));
    } catch (IOException e) {
      return "(no log: " + e.getMessage() + ")";
    }
  }

  void deleteDir() {
    try (Stream<Path> paths = Files.walk(dir)) {
      paths.sorted(Comparator.reverseOrder()).map(Path::toFile).forEach(File::delete);
    } catch (IOException e) {
      // best effort: a temporary directory
    }
  }

  static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }
}
