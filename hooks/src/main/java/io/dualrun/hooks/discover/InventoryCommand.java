package io.dualrun.hooks.discover;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code dualrun inventory}: tools for writing and checking workflows.yaml. */
@Command(
    name = "inventory",
    mixinStandardHelpOptions = true,
    description = "Write and check the workflow inventory (workflows.yaml).",
    subcommands = {DiscoverCommand.class, SchedulesCommand.class, CheckCommand.class})
public final class InventoryCommand implements Runnable {
  @Spec CommandSpec spec;

  @Override
  public void run() {
    throw new ParameterException(
        spec.commandLine(), "name a subcommand: discover, schedules, check");
  }
}
