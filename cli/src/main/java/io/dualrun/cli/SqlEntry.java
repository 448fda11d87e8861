package io.dualrun.cli;

import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code dualrun sql}: Flink SQL over the dualrun topics. Flink runs on the classpath of the {@code
 * sql} module, never on the services' one, so the {@code ./dualrun} script starts it there; this
 * entry only lists it and says so when reached directly.
 */
@Command(
    name = "sql",
    mixinStandardHelpOptions = true,
    versionProvider = Version.class,
    description = {
      "Runs Flink SQL over every dualrun topic on an embedded Flink, or on a session cluster with"
          + " --flink HOST:PORT (batch, bounded at the latest offsets, unless the script sets"
          + " streaming) and prints a table, CSV or JSON: ./dualrun sql \"SELECT …\" or ./dualrun"
          + " sql -f file.sql. See docs/sql.md for the tables and options."
    })
final class SqlEntry implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Parameters(arity = "0..*", hidden = true)
  List<String> ignored;

  @Override
  public Integer call() {
    spec.commandLine()
        .getErr()
        .println(
            "dualrun sql: Flink runs on its own classpath; start it with the ./dualrun script"
                + " (./dualrun sql --help), or java -cp \"sql/target/lib/*:sql/target/dualrun-sql-*.jar\""
                + " io.dualrun.sql.DualrunSql");
    return 2;
  }
}
