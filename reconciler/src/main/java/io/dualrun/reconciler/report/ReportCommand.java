package io.dualrun.reconciler.report;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code dualrun report readiness|waves …}: reports read from a running reconciler's REST API. */
@Command(
    name = "report",
    mixinStandardHelpOptions = true,
    description = "Print reports from a running reconciler.",
    subcommands = {ReadinessCommand.class, WavesCommand.class})
public final class ReportCommand implements Runnable {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    throw new CommandLine.ParameterException(spec.commandLine(), "name a report: readiness, waves");
  }

  public static void main(String[] args) {
    System.exit(new CommandLine(new ReportCommand()).execute(args));
  }
}
