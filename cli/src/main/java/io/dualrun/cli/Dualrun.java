package io.dualrun.cli;

import io.dualrun.config.client.ClientDefaults;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code dualrun} command line. */
@Command(
    name = "dualrun",
    mixinStandardHelpOptions = true,
    versionProvider = Version.class,
    description =
        "Reconcile workflows run in parallel on a legacy scheduler and a new orchestrator.",
    subcommands = {
      StandaloneCommand.class,
      DemoCommand.class,
      io.dualrun.ingest.IngestCommand.class,
      io.dualrun.reconciler.ReconcilerCommand.class,
      io.dualrun.alerting.AlertingCommand.class,
      io.dualrun.hooks.exec.ExecCommand.class,
      io.dualrun.hooks.fingerprint.FingerprintCommand.class,
      io.dualrun.hooks.diff.DiffCommand.class,
      io.dualrun.hooks.agent.AgentCommand.class,
      io.dualrun.hooks.drilldown.DrilldownCommand.class,
      io.dualrun.hooks.discover.InventoryCommand.class,
      SqlEntry.class,
      io.dualrun.reconciler.report.ReportCommand.class,
      io.dualrun.reconciler.report.WaiveCommand.class,
      io.dualrun.reconciler.report.CutoverCommand.class,
      io.dualrun.reconciler.report.SuggestCommand.class,
      CommandLine.HelpCommand.class
    })
public final class Dualrun implements Runnable {
  /** Help text width: defaults such as URLs and paths fit whole on a line. */
  static final int HELP_WIDTH = 140;

  static final int HELP_OPTIONS_WIDTH = 30;

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  public static void main(String[] args) {
    System.exit(commandLine().execute(args));
  }

  /** The command line with every subcommand, for tests and embedding. */
  public static CommandLine commandLine() {
    return commandLine(ClientDefaults.fromEnvironment());
  }

  /**
   * With {@code defaults} for the client commands' address options ({@code --url}, {@code
   * --token}): the environment, then the client file (docs/hooks.md).
   */
  public static CommandLine commandLine(CommandLine.IDefaultValueProvider defaults) {
    return new CommandLine(new Dualrun())
        .setDefaultValueProvider(defaults)
        // wide enough that defaults (URLs, paths) are never broken inside a value
        .setUsageHelpWidth(HELP_WIDTH)
        .setUsageHelpLongOptionsMaxWidth(HELP_OPTIONS_WIDTH)
        .setExecutionExceptionHandler(
            (e, cmd, parsed) -> {
              cmd.getErr().println(cmd.getColorScheme().errorText("dualrun: " + oneLine(e)));
              return 1;
            });
  }

  static String oneLine(Throwable e) {
    String message = e.getMessage() == null ? e.toString() : e.getMessage();
    int newline = message.indexOf('\n');
    return newline < 0 ? message : message.substring(0, newline);
  }

  /** Without a command: the usage on standard error, exit code 2 (a usage error). */
  @Override
  public void run() {
    throw new CommandLine.ParameterException(spec.commandLine(), "name a command");
  }
}
