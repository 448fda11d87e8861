package io.dualrun.hooks.discover;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Option;

/** {@code dualrun inventory discover}: a workflows.yaml draft from both schedulers' definitions. */
@Command(
    name = "discover",
    mixinStandardHelpOptions = true,
    description = {
      "Writes a workflows.yaml draft from both schedulers' job definitions: jobs matched by name,"
          + " both sides' mappings, schedules, time zones and owners where known, and a TODO"
          + " comment wherever a human must decide.",
      "KIND:PATH is crontab:FILE, airflow:FILE (JSON of GET /api/v1/dags or /api/v2/dags),"
          + " airflow-dags:DIR (DAG files) or kestra:DIR (flow YAML files)."
    })
public final class DiscoverCommand implements Callable<Integer> {
  @Option(
      names = {"-b", "--baseline"},
      required = true,
      paramLabel = "KIND:PATH",
      converter = SourceConverter.class,
      description = "The legacy scheduler's definitions.")
  JobSource baseline;

  @Option(
      names = {"-n", "--candidate"},
      required = true,
      paramLabel = "KIND:PATH",
      converter = SourceConverter.class,
      description = "The new orchestrator's definitions.")
  JobSource candidate;

  @Option(
      names = {"-o", "--output"},
      paramLabel = "FILE",
      description =
          "Write the draft to FILE instead of standard output (an existing file is kept).")
  Path output;

  PrintStream out = System.out;
  PrintStream err = System.err;

  /** Parses KIND:PATH for picocli, so a bad value is a usage error naming the option. */
  public static final class SourceConverter implements ITypeConverter<JobSource> {
    @Override
    public JobSource convert(String value) {
      return JobSource.parse(value);
    }
  }

  @Override
  public Integer call() throws IOException {
    List<DiscoveredJob> b;
    List<DiscoveredJob> c;
    try {
      b = baseline.read();
      c = candidate.read();
    } catch (RuntimeException e) {
      err.println("dualrun inventory discover: " + e.getMessage());
      return 2;
    }
    JobMatcher.Result result = JobMatcher.match(b, c);
    String draft =
        DraftWriter.write(
            result,
            List.of(
                "workflows.yaml draft written by dualrun inventory discover from",
                "  baseline:  " + baseline + " (" + b.size() + " jobs)",
                "  candidate: " + candidate + " (" + c.size() + " jobs)"));
    if (output == null) {
      out.print(draft);
    } else {
      if (Files.exists(output)) {
        err.println("dualrun inventory discover: " + output + " exists; not overwritten");
        return 2;
      }
      Files.writeString(output, draft, StandardCharsets.UTF_8);
    }
    err.printf(
        "%d workflows matched; %d baseline and %d candidate jobs without a counterpart%n",
        result.matches().size(), result.baselineOnly().size(), result.candidateOnly().size());
    return 0;
  }
}
