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
}
