package io.dualrun.alerting;

import io.dualrun.service.lifecycle.ServiceRunner;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code dualrun alerting --config FILE}: runs the alerting service until stopped. */
@Command(
    name = "alerting",
    mixinStandardHelpOptions = true,
    description =
        "Turn mismatches and freshness breaches into grouped, routed, resolvable alerts"
            + " (webhook, Slack, PagerDuty, Alertmanager, e-mail).")
public final class AlertingCommand implements Callable<Integer> {
  @Option(
      names = {"-c", "--config"},
      required = true,
      description = "YAML configuration file (see docs/alerting.md).")
  Path config;

  @Override
  public Integer call() throws InterruptedException {
    return ServiceRunner.run("alerting", () -> AlertingMain.run(config));
  }
}
