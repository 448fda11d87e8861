package io.dualrun.sql;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Times the phases of {@code dualrun sql} in a fresh JVM, for {@link SqlLatencyBenchmark}: starting
 * (the embedded Flink, or connecting to the session cluster), the first statement of a session and
 * the same statement {@code repeats} more times in that session (warm). Prints {@code phase<TAB>ms}
 * lines.
 *
 * <p>{@code LatencyProbe <bootstrap-servers> <registry-url> <flink host:port or -> <query file>
 * <repeats> [no-ship-jars]}
 */
public final class LatencyProbe {
  private LatencyProbe() {}

  public static void main(String[] args) throws Exception {
    long t0 = System.nanoTime();
    SqlSettings settings =
        SqlSettings.defaults()
            .withKafka(args[0], args[1])
            .withFlink(args[2].equals("-") ? null : args[2])
            .withParallelism(2)
            .withShipJars(!(args.length > 5 && args[5].equals("no-ship-jars")));
    String query = Files.readString(Path.of(args[3]));
    int repeats = Integer.parseInt(args[4]);
    try (SqlRunner runner = SqlRunner.start(settings)) {
      long started = System.nanoTime();
      print("start", t0, started);
      SqlSession session = runner.session();
      long before = System.nanoTime();
      List<QueryResult> first = session.run(query);
      print("first", before, System.nanoTime());
      System.out.println("rows\t" + first.get(0).rows().size());
      for (int i = 0; i < repeats; i++) {
        before = System.nanoTime();
        session.run(query);
        print("warm", before, System.nanoTime());
      }
    }
    System.out.flush();
    System.exit(0);
  }

  private static void print(String phase, long from, long to) {
    System.out.println(phase + "\t" + (to - from) / 1_000_000);
    System.out.flush();
  }
}
