package io.dualrun.sql;

/** {@code java -cp "sql/target/lib/*:sql/target/dualrun-sql-….jar" io.dualrun.sql.DualrunSql …}. */
public final class DualrunSql {
  private DualrunSql() {}

  public static void main(String[] args) {
    System.exit(SqlCommand.commandLine().execute(args));
  }
}
