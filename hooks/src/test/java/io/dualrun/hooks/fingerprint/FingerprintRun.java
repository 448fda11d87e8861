package io.dualrun.hooks.fingerprint;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine;

/**
 * {@code dualrun fingerprint ARGS… --no-progress} run in this JVM: its exit code, stdout, stderr.
 */
public record FingerprintRun(int exit, String out, String err) {
  static final ObjectMapper MAPPER = new ObjectMapper();

  public static FingerprintRun of(List<String> args) {
    List<String> all = new ArrayList<>(args);
    all.add("--no-progress");
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    FingerprintCommand command = new FingerprintCommand();
    command.out = new PrintStream(out, true, StandardCharsets.UTF_8);
    command.err = new PrintStream(err, true, StandardCharsets.UTF_8);
    int exit = new CommandLine(command).execute(all.toArray(String[]::new));
    return new FingerprintRun(
        exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
  }

  public static FingerprintRun of(String... args) {
    return of(List.of(args));
  }

  /** The printed fingerprint of a run that must succeed. */
  static JsonNode json(List<String> args) throws Exception {
    FingerprintRun run = of(args);
    assertThat(run.exit()).as(run.err()).isZero();
    return MAPPER.readTree(run.out());
  }
}
