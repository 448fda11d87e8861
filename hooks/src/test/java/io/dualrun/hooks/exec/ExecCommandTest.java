package io.dualrun.hooks.exec;

import static org.assertj.core.api.Assertions.assertThat;

import io.dualrun.ingest.FakeSink;
import io.dualrun.ingest.IngestApi;
import io.dualrun.ingest.IngestRoutesTest;
import io.dualrun.ingest.IngestServer;
import io.dualrun.ingest.TestInventory;
import io.dualrun.ingest.sink.Outgoing;
import io.dualrun.schemas.avro.RunEvent;
import io.dualrun.schemas.avro.RunStatus;
import io.dualrun.service.lifecycle.ServiceHost;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code dualrun exec} against a real ingest HTTP server (in-memory sink), up and down. */
class ExecCommandTest {
  @TempDir Path dir;
  final FakeSink sink = new FakeSink();
  ServiceHost app;
  final ByteArrayOutputStream stderr = new ByteArrayOutputStream();

  /** Options given before the command. */
  final List<String> options = new ArrayList<>();

  @AfterEach
  void stop() {
    if (app != null) {
      app.close();
    }
  }

  int startIngest(int port) {
    IngestApi api =
        IngestApi.create(IngestRoutesTest.config(64 * 1024, 100), TestInventory.load(), sink);
    app = IngestServer.start(api, 64 * 1024, "127.0.0.1", port);
    return app.port();
  }

  int exec(int port, String... commandLine) {
    ExecCommand command = new ExecCommand();
    command.err = new PrintStream(stderr, true, StandardCharsets.UTF_8);
    List<String> args =
        new ArrayList<>(
            List.of(
                "--workflow",
                "revenue-daily",
                "--partition",
                "2026-11-20",
                "--side",
                "baseline",
                "--run-id",
                "cron-run-1",
                "--url",
                "http://127.0.0.1:" + port,
                "--token",
                IngestRoutesTest.TOKEN,
                "--spool",
                dir.resolve("spool.jsonl").toString(),
                "--timeout",
                "2s"));
    args.addAll(options);
    args.add("--");
    args.addAll(List.of(commandLine));
    return new CommandLine(command).execute(args.toArray(String[]::new));
  }

  List<RunEvent> events() {
    return sink.written(Outgoing.Event.class).stream().map(Outgoing.Event::event).toList();
  }

  @Test
  void reportsStartAndEndAndPassesTheExitCodeThrough() throws IOException {
    int port = startIngest(0);
    Path marker = dir.resolve("ran");

    int exit = exec(port, "sh", "-c", "echo ran > " + marker + "; exit 3");

    assertThat(exit).isEqualTo(3);
    assertThat(Files.readString(marker)).isEqualTo("ran\n");
    List<RunEvent> events = events();
    assertThat(events)
        .extracting(RunEvent::getStatus)
        .containsExactly(RunStatus.STARTED, RunStatus.FAILED);
    assertThat(events.get(1).getError()).contains("code 3");
    assertThat(events.get(1).getAttributes()).containsEntry("exitCode", "3");
    assertThat(events).extracting(RunEvent::getRunId).containsOnly("cron-run-1");
    assertThat(dir.resolve("spool.jsonl")).doesNotExist();
  }

  @Test
  void theWrappedCommandKnowsItsRun() throws IOException {
    int port = startIngest(0);
    Path seen = dir.resolve("env");

    int exit =
        exec(
            port,
            "sh",
            "-c",
            "echo \"$DUALRUN_WORKFLOW $DUALRUN_PARTITION $DUALRUN_SIDE $DUALRUN_RUN_ID"
                + " $DUALRUN_ATTEMPT $DUALRUN_URL\" > "
                + seen);

    assertThat(exit).isZero();
    assertThat(Files.readString(seen).strip())
        .isEqualTo("revenue-daily 2026-11-20 baseline cron-run-1 1 http://127.0.0.1:" + port);
  }

  @Test
  void theEventsCarryTheCommandsOwnStartAndEnd() throws IOException {
    int port = startIngest(0);
    Path times = dir.resolve("times");

    int exit =
        exec(port, "sh", "-c", "date +%s%N > " + times + "; sleep 0.2; date +%s%N >> " + times);

    assertThat(exit).isZero();
    List<Long> childNanos = Files.readAllLines(times).stream().map(Long::parseLong).toList();
    List<RunEvent> events = events();
    long started = nanos(events.get(0).getEventTime());
    long ended = nanos(events.get(1).getEventTime());
    assertThat(started)
        .as("STARTED is taken just before the command starts")
        .isLessThanOrEqualTo(childNanos.get(0));
    // event times are kept to the millisecond (timestamp-millis): compare at that precision
    assertThat(ended)
        .as("the end is taken once the command exited")
        .isGreaterThanOrEqualTo(childNanos.get(1) / 1_000_000 * 1_000_000);
  }

  private static long nanos(java.time.Instant t) {
    return t.getEpochSecond() * 1_000_000_000L + t.getNano();
  }

  @Test
  void theRunAnnouncesTheOutputsTheJobFingerprints() {
    int port = startIngest(0);
    options.addAll(List.of("--fingerprint", "sales.orders", "--fingerprint", "sales.refunds"));
    options.addAll(List.of("--reads", "raw.orders", "--version", "2.3.1"));

    assertThat(exec(port, "true")).isZero();

    assertThat(events()).extracting(RunEvent::getJobVersion).containsOnly("2.3.1");

    assertThat(events())
        .extracting(RunEvent::getExpectedOutputs)
        .containsOnly(List.of("sales.orders", "sales.refunds"));
    assertThat(events()).extracting(RunEvent::getInputs).containsOnly(List.of("raw.orders"));
  }

  @Test
  void aRunWithoutFingerprintOptionsAnnouncesNothing() {
    int port = startIngest(0);
    assertThat(exec(port, "true")).isZero();
    assertThat(events()).extracting(RunEvent::getExpectedOutputs).containsOnly(List.of());
    assertThat(events()).extracting(RunEvent::getJobVersion).containsOnly((String) null);
  }

  @Test
  void successIsReportedAsSucceeded() {
    int port = startIngest(0);
    assertThat(exec(port, "true")).isZero();
    assertThat(events())
        .extracting(RunEvent::getStatus)
        .containsExactly(RunStatus.STARTED, RunStatus.SUCCEEDED);
  }

  @Test
  void whenIngestIsDownEventsAreSpooledAndDeliveredFirstNextTimeWithoutDuplicates()
      throws IOException {
    int port = freePort();

    assertThat(exec(port, "true")).isZero();
    assertThat(Files.readAllLines(dir.resolve("spool.jsonl"))).hasSize(2);
    assertThat(stderr.toString(StandardCharsets.UTF_8)).contains("kept in");

    startIngest(port);
    assertThat(exec(port, "false")).isEqualTo(1);

    List<RunEvent> events = events();
    assertThat(events)
        .extracting(RunEvent::getStatus)
        .containsExactly(
            RunStatus.STARTED, RunStatus.SUCCEEDED, RunStatus.STARTED, RunStatus.FAILED);
    assertThat(events.stream().map(RunEvent::getEventId).distinct()).hasSize(4);
    assertThat(dir.resolve("spool.jsonl")).doesNotExist();
  }

  @Test
  void aCommandThatCannotStartIsReportedAsFailedWith127() {
    int port = startIngest(0);
    assertThat(exec(port, dir.resolve("no-such-command").toString())).isEqualTo(127);
    assertThat(events().get(1).getStatus()).isEqualTo(RunStatus.FAILED);
  }

  @Test
  void badArgumentsStopBeforeRunningAnything() {
    int port = startIngest(0);
    ExecCommand command = new ExecCommand();
    command.err = new PrintStream(stderr, true, StandardCharsets.UTF_8);
    int exit =
        new CommandLine(command)
            .execute(
                "--workflow",
                "bad id",
                "--partition",
                "p",
                "--side",
                "left",
                "--url",
                "http://127.0.0.1:" + port,
                "--",
                "true");
    assertThat(exit).isEqualTo(2);
    assertThat(stderr.toString(StandardCharsets.UTF_8)).contains("--side");
    assertThat(sink.written()).isEmpty();
  }

  static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }
}
