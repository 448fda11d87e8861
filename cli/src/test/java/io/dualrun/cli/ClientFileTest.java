package io.dualrun.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.dualrun.config.client.ClientConfig;
import io.dualrun.config.client.ClientDefaults;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** Every client command takes its address from the one client file (docs/hooks.md). */
class ClientFileTest {

  private static CommandLine cli(Map<String, String> env) {
    return Dualrun.commandLine(new ClientDefaults(env, () -> ClientConfig.locate(env)));
  }

  private static Object option(CommandLine.ParseResult parsed, String option) {
    CommandLine.ParseResult r = parsed;
    while (r.hasSubcommand()) {
      r = r.subcommand();
    }
    return r.commandSpec().findOption(option).getValue();
  }

  @Test
  void execAndReadinessTakeTheirAddressFromTheClientFile(@TempDir Path dir) throws Exception {
    Path file =
        Files.writeString(
            dir.resolve("client.yaml"), "url: http://dualrun.internal:8080\ntoken: tok-0123\n");
    Map<String, String> env = Map.of(ClientConfig.ENV, file.toString());

    CommandLine.ParseResult readiness = cli(env).parseArgs("report", "readiness");
    assertThat(option(readiness, "--url")).isEqualTo(URI.create("http://dualrun.internal:8080"));
    assertThat(option(readiness, "--token")).isEqualTo("tok-0123");

    CommandLine.ParseResult exec =
        cli(env)
            .parseArgs(
                "exec", "--workflow", "wf", "--partition", "p", "--side", "baseline", "--", "true");
    assertThat(option(exec, "--url")).isEqualTo(URI.create("http://dualrun.internal:8080"));
    assertThat(option(exec, "--token")).isEqualTo("tok-0123");

    CommandLine.ParseResult flagged =
        cli(env).parseArgs("report", "readiness", "--url", "http://other:1");
    assertThat(option(flagged, "--url")).isEqualTo(URI.create("http://other:1"));
  }

  @Test
  void aBadClientFileIsNamedAndNothingRuns(@TempDir Path dir) throws Exception {
    Path file = Files.writeString(dir.resolve("client.yaml"), "ulr: http://typo:1\n");
    CommandLine cli = cli(Map.of(ClientConfig.ENV, file.toString()));
    StringWriter err = new StringWriter();
    cli.setErr(new PrintWriter(err, true));
    cli.setOut(new PrintWriter(new StringWriter(), true));

    int code = cli.execute("report", "readiness");

    assertThat(code).as(err.toString()).isEqualTo(2);
    assertThat(err.toString()).contains(file.toString()).contains("ulr");
  }
}
