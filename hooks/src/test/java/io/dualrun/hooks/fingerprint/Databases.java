package io.dualrun.hooks.fingerprint;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;

/** A real PostgreSQL and a real MariaDB for one test class, both stopped on close. */
public final class Databases implements AutoCloseable {
  final LocalPostgres postgres;
  final LocalMariaDb mariadb;

  private Databases(LocalPostgres postgres, LocalMariaDb mariadb) {
    this.postgres = postgres;
    this.mariadb = mariadb;
  }

  public static Databases start() throws Exception {
    LocalPostgres postgres = new LocalPostgres();
    try {
      return new Databases(postgres, new LocalMariaDb());
    } catch (Exception | Error e) {
      postgres.close();
      throw e;
    }
  }

  public Connection postgresConnection() throws SQLException {
    return postgres.connect();
  }

  public Connection mariadbConnection() throws SQLException {
    return DriverManager.getConnection(mariadb.fpUrl());
  }

  /** PostgreSQL's JDBC URL (user postgres, database postgres). */
  public String postgresUrl() {
    return postgres.jdbcUrl();
  }

  /** MariaDB's JDBC URL (user root, database fp). */
  public String mariadbUrl() {
    return mariadb.fpUrl();
  }

  /** Stops both servers; null-safe for a class whose start failed. */
  public static void stop(Databases dbs) throws Exception {
    if (dbs != null) {
      dbs.close();
    }
  }

  @Override
  public void close() throws Exception {
    try {
      postgres.close();
    } finally {
      mariadb.close();
    }
  }

  /**
   * A database {@code latin1} (encoding LATIN1, C locale) on the PostgreSQL server, created once;
   * its JDBC URL.
   */
  public synchronized String latin1Postgres() throws java.sql.SQLException {
    String url = postgresUrl().replace("/postgres?", "/latin1?");
    try (java.sql.Connection c = postgresConnection();
        java.sql.Statement s = c.createStatement()) {
      boolean exists;
      try (java.sql.ResultSet r =
          s.executeQuery("SELECT count(*) FROM pg_database WHERE datname = 'latin1'")) {
        exists = r.next() && r.getInt(1) > 0;
      }
      if (!exists) {
        s.execute(
            "CREATE DATABASE latin1 TEMPLATE template0 ENCODING 'LATIN1'"
                + " LC_COLLATE 'C' LC_CTYPE 'C'");
      }
    }
    return url;
  }
}
