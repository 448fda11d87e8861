package io.dualrun.hooks.discover;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class SchedulesCommandTest {
  final ByteArrayOutputStream out = new ByteArrayOutputStream();
  final ByteArrayOutputStream err = new ByteArrayOutputStream();

  int run(String... args) {
    SchedulesCommand command = new SchedulesCommand();
    command.out = new PrintStream(out, true, StandardCharsets.UTF_8);
    command.err = new PrintStream(err, true, StandardCharsets.UTF_8);
    return new CommandLine(command).execute(args);
  }

  @Test
  void saysWhereBothSidesSchedulesDisagreeOverTheHorizon() {
    int code =
        run(
            "--inventory", Fixtures.path("parity.yaml").toString(),
            "--from", "2026-01-01",
            "--days", "365");
    String text = out.toString(StandardCharsets.UTF_8);
    assertThat(code).isEqualTo(1);
    assertThat(text)
        .contains("same-everywhere: same 365 partitions, same fire times")
        .contains("paris-vs-utc: 1 partitions differ of 365")
        .contains("2026-03-28 ONLY_CANDIDATE")
        .contains("the candidate fires 1h later than the baseline on 210 partitions")
        .contains(
            "offset-mismatch: 2 partitions differ",
            "for the same run the candidate names a partition 1 day later than the baseline")
        .contains("unscheduled: no schedule on both sides, nothing to compare")
        .contains("2 of 4 workflows have schedules that differ (365 days from 2026-01-01)");
  }

  @Test
  void aBadInventoryIsOneLineAndExitCodeTwo() {
    assertThat(run("--inventory", Fixtures.path("crontab").toString())).isEqualTo(2);
    assertThat(err.toString(StandardCharsets.UTF_8)).startsWith("dualrun inventory schedules: ");
  }
}
