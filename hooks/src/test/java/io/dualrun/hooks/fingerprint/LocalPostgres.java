package io.dualrun.hooks.fingerprint;

import java.nio.file.Path;
import java.util.List;

/** A PostgreSQL server (initdb + pg_ctl, as user postgres when run as root). */
final class LocalPostgres extends LocalDatabase {
  private static final String PKG = "postgresql";
  private final Path pgCtl;
  private final Path data;
  private final Path log;

  LocalPostgres() throws Exception {
    super("postgres");
    Path initdb =
        binary(
            PKG,
            List.of(
                "/usr/lib/postgresql/*/bin/initdb", "/usr/bin/initdb", "/usr/local/bin/initdb"));
    pgCtl = initdb.resolveSibling("pg_ctl");
    data = dir.resolve("data");
    log = dir.resolve("postgres.log");
    if ("root".equals(System.getProperty("user.name"))) {
      run(List.of("chown", "-R", "postgres", dir.toString()), dir.resolve("setup.log"));
    }
    run(
        asUser(
            "postgres",
            List.of(
                initdb.toString(),
                "-D",
                data.toString(),
                "-U",
                "postgres",
                "--auth=trust",
                "-E",
                "UTF8",
                "--no-sync")),
        dir.resolve("setup.log"));
    run(
        asUser(
            "postgres",
            List.of(
                pgCtl.toString(),
                "-D",
                data.toString(),
                "-l",
                log.toString(),
                "-w",
                "-t",
                "60",
                "-o",
                "-p " + port + " -k " + dir + " -c listen_addresses=127.0.0.1 -c fsync=off",
                "start")),
        dir.resolve("setup.log"));
    awaitReady(null, log);
  }

  @Override
  String jdbcUrl() {
    return "jdbc:postgresql://127.0.0.1:" + port + "/postgres?user=postgres";
  }

  @Override
  public void close() throws Exception {
    try {
      run(
          asUser(
              "postgres",
              List.of(pgCtl.toString(), "-D", data.toString(), "-m", "fast", "-w", "stop")),
          dir.resolve("setup.log"));
    } finally {
      deleteDir();
    }
  }
}
