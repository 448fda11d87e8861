package io.dualrun.hooks.fingerprint;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** A MariaDB server (mariadb-install-db + mariadbd, no grant checks, loopback only). */
final class LocalMariaDb extends LocalDatabase {
  private static final String PKG = "mariadb-server";
  private final Process server;

  LocalMariaDb() throws Exception {
    super("mariadb");
    Path installDb =
        binary(PKG, List.of("/usr/bin/mariadb-install-db", "/usr/bin/mysql_install_db"));
    Path mariadbd = binary(PKG, List.of("/usr/sbin/mariadbd", "/usr/sbin/mysqld"));
    Path data = dir.resolve("data");
    Path log = dir.resolve("mariadb.log");
    String user = System.getProperty("user.name");
    run(
        List.of(
            installDb.toString(),
            "--no-defaults",
            "--datadir=" + data,
            "--user=" + user,
            "--auth-root-authentication-method=normal",
            "--skip-test-db"),
        dir.resolve("setup.log"));
    server =
        spawn(
            List.of(
                mariadbd.toString(),
                "--no-defaults",
                "--datadir=" + data,
                "--user=" + user,
                "--port=" + port,
                "--bind-address=127.0.0.1",
                "--socket=" + dir.resolve("mysqld.sock"),
                "--pid-file=" + dir.resolve("mysqld.pid"),
                "--skip-grant-tables",
                "--innodb-buffer-pool-size=32M",
                "--skip-log-bin",
                "--log-error=" + log),
            dir.resolve("stdout.log"));
    awaitReady(server, log);
    try (var c =
            java.sql.DriverManager.getConnection(
                "jdbc:mariadb://127.0.0.1:" + port + "/?user=root");
        var s = c.createStatement()) {
      s.execute("CREATE DATABASE IF NOT EXISTS fp");
    }
  }

  @Override
  String jdbcUrl() {
    return "jdbc:mariadb://127.0.0.1:" + port + "/mysql?user=root";
  }

  String fpUrl() {
    return "jdbc:mariadb://127.0.0.1:" + port + "/fp?user=root";
  }

  @Override
  public void close() throws Exception {
    try {
      server.destroy();
      if (!server.waitFor(60, TimeUnit.SECONDS)) {
        server.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
      }
    } finally {
      deleteDir();
    }
  }
}
