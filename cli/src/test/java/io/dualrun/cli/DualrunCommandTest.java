package io.dualrun.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class DualrunCommandTest {
  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();

  private int run(String... args) {
    CommandLine cli = Dualrun.commandLine();
    cli.setOut(new PrintWriter(out, true));
    cli.setErr(new PrintWriter(err, true));
    return cli.execute(args);
  }

  @Test
  void helpListsTheCommands() {
    assertThat(run("--help")).isZero();
    assertThat(out.toString()).contains("Usage: dualrun").contains("standalone");
  }

  @Test
  void helpNeverBreaksAValue() {
    assertThat(run("exec", "--help")).isZero();
    assertThat(out.toString().lines())
        .as("the default URL is whole on one line")
        .anyMatch(line -> line.contains("http://127.0.0.1:7070"));
    assertThat(out.toString().lines()).allMatch(line -> line.length() <= Dualrun.HELP_WIDTH);
  }

  @Test
  void noCommandIsAUsageErrorWithTheUsageOnStandardError() {
    assertThat(run()).isEqualTo(2);
    assertThat(out.toString()).isEmpty();
    assertThat(err.toString()).contains("name a command").contains("Usage: dualrun");
  }

  @Test
  void brokersOutOfRangeAreRefusedNamingTheOption() {
    assertThat(run("standalone", "--brokers", "10")).isEqualTo(2);
    assertThat(err.toString().strip())
        .isEqualTo("dualrun standalone: brokers must be 1 to 9, was 10");
  }

  @Test
  void threeBrokersReplicateTheTopicsThreeTimes() {
    StandaloneConfig config = StandaloneConfig.onFreePorts(Path.of("data")).withBrokers(3);
    assertThat(config.brokers()).isEqualTo(3);
    assertThat(config.topics().replicationFactor()).isEqualTo((short) 3);
    assertThat(StandaloneConfig.onFreePorts(Path.of("data")).topics().replicationFactor())
        .isEqualTo((short) 1);
  }

  @Test
  void inventoryCommandsAreListed() {
    assertThat(run("inventory", "--help")).isZero();
    assertThat(out.toString()).contains("discover").contains("schedules");
  }

  @Test
  void standaloneHelpListsEveryOptionWithItsDefault() {
    assertThat(run("standalone", "--help")).isZero();
    assertThat(out.toString())
        .contains("--data-dir", ".dualrun")
        .contains("--kafka-port", "9092")
        .contains("--brokers")
        .contains("--registry-port", "8081")
        .contains("--http-port", "7070");
  }

  @Test
  void helpSubcommandWorksToo() {
    assertThat(run("help", "standalone")).isZero();
    assertThat(out.toString()).contains("Usage: dualrun standalone");
  }

  @Test
  void anInvalidPortNamesTheOption() {
    assertThat(run("standalone", "--http-port", "70000")).isEqualTo(2);
    assertThat(err.toString().strip())
        .isEqualTo(
            "dualrun standalone: http-port must be between 1 and 65535 (or 0 for a free port),"
                + " was 70000");
  }

  @Test
  void aKafkaPortInUseIsOneClearLine(@TempDir Path dir) throws Exception {
    try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
      int port = taken.getLocalPort();
      int code =
          run(
              "standalone",
              "--data-dir",
              dir.toString(),
              "--kafka-port",
              Integer.toString(port),
              "--controller-port",
              "0",
              "--registry-port",
              "0",
              "--http-port",
              "0");
      assertThat(code).isEqualTo(1);
      assertThat(err.toString().strip().lines().findFirst().orElseThrow())
          .isEqualTo(
              "dualrun standalone: Kafka broker: port "
                  + port
                  + " on 127.0.0.1 is already in use (Address already in use)");
    }
  }

  @Test
  void anHttpPortInUseIsOneClearLineBeforeAnythingStarts(@TempDir Path dir) throws Exception {
    try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
      int port = taken.getLocalPort();
      long started = System.nanoTime();
      int code =
          run(
              "standalone",
              "--data-dir",
              dir.toString(),
              "--kafka-port",
              "0",
              "--registry-port",
              "0",
              "--http-port",
              Integer.toString(port));
      assertThat(code).isEqualTo(1);
      assertThat(err.toString().strip().lines().findFirst().orElseThrow())
          .isEqualTo(
              "dualrun standalone: HTTP API: port "
                  + port
                  + " on 127.0.0.1 is already in use (Address already in use)");
      assertThat(System.nanoTime() - started).isLessThan(5_000_000_000L);
    }
  }
}
