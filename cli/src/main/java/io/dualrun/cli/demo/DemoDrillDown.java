package io.dualrun.cli.demo;

import io.dualrun.hooks.agent.AgentCommand;
import io.dualrun.hooks.agent.SideAgent;
import io.dualrun.hooks.drilldown.Coordinator;
import io.dualrun.hooks.drilldown.DrilldownCommand;
import io.dualrun.hooks.host.WorkerService;
import io.dualrun.schemas.topic.TopicCatalog;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import picocli.CommandLine;

/**
 * The demo's automatic drill-down, in this process: two side agents, each reading a CSV copy of one
 * side's {@code dw.inventory_snapshot} ({@link DemoTable}), and the coordinator, as {@code dualrun
 * agent} and {@code dualrun drilldown --from earliest --output dw.inventory_snapshot} run them.
 * Closing stops all three.
 */
public final class DemoDrillDown implements AutoCloseable {
  private final List<WorkerService.Worker> running = new ArrayList<>();
  private final List<Thread> threads = new ArrayList<>();
  private final PrintStream log;

  private DemoDrillDown(PrintStream log) {
    this.log = log;
  }

  /**
   * Writes the two sides' rows under {@code dir}, starts the agents and the coordinator on the
   * platform's Kafka, and returns once all three read their topics; their lines go to {@code
   * logFile}.
   */
  public static DemoDrillDown start(
      Path dir, Map<String, Object> kafka, TopicCatalog catalog, Path logFile)
      throws IOException, InterruptedException {
    DemoDrillDown d =
        new DemoDrillDown(
            new PrintStream(Files.newOutputStream(logFile), true, StandardCharsets.UTF_8));
    try {
      for (String side : List.of("baseline", "candidate")) {
        Path csv = DemoTable.write(dir.resolve(side + ".csv"), side.equals("candidate"));
        SideAgent agent =
            new SideAgent(
                side + ":" + DemoTable.OUTPUT,
                kafka,
                catalog,
                agentOptions(side, csv).opener(),
                Clock.systemUTC(),
                d.log);
        d.run(agent, "demo-agent-" + side);
        d.await(agent.awaitAssigned(Duration.ofSeconds(60)), "the " + side + " agent");
      }
      DrilldownCommand options = new DrilldownCommand();
      new CommandLine(options)
          .parseArgs("--from", "earliest", "--output", DemoTable.OUTPUT, "--agent-timeout", "60");
      Coordinator coordinator =
          new Coordinator(kafka, catalog, options.settings(), Clock.systemUTC(), d.log);
      d.run(coordinator, "demo-drilldown");
      d.await(coordinator.awaitAssigned(Duration.ofSeconds(60)), "the drill-down coordinator");
      return d;
    } catch (IOException | InterruptedException | RuntimeException e) {
      d.close();
      throw e;
    }
  }

  private static AgentCommand agentOptions(String side, Path csv) {
    List<String> args =
        new ArrayList<>(
            List.of(
                "--name",
                side + ":" + DemoTable.OUTPUT,
                "--side",
                side,
                "--key",
                "id",
                "--csv",
                csv.toString()));
    DemoTable.TYPES.forEach(t -> args.addAll(List.of("--type", t)));
    AgentCommand command = new AgentCommand();
    new CommandLine(command).parseArgs(args.toArray(String[]::new));
    return command;
  }

  private void run(WorkerService.Worker worker, String name) {
    Thread t = new Thread(worker, name);
    t.setDaemon(true);
    t.start();
    running.add(worker);
    threads.add(t);
  }

  private void await(boolean assigned, String what) {
    if (!assigned) {
      throw new IllegalStateException(what + " did not join its topic within 60 s");
    }
  }

  @Override
  public void close() throws InterruptedException {
    for (int i = running.size() - 1; i >= 0; i--) {
      try {
        running.get(i).close();
      } catch (RuntimeException e) {
        log.println("closing " + threads.get(i).getName() + ": " + e);
      }
    }
    for (Thread t : threads) {
      t.join(20_000);
    }
    log.close();
  }
}
