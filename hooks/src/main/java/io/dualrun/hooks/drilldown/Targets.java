package io.dualrun.hooks.drilldown;

import io.dualrun.schemas.avro.Finding;
import io.dualrun.schemas.avro.FindingKind;
import io.dualrun.schemas.avro.Outcome;
import io.dualrun.schemas.avro.OutputSummary;
import io.dualrun.schemas.avro.SideSummary;
import io.dualrun.schemas.avro.Verdict;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** Which outputs of a verdict to drill into: pure, no Kafka. */
public final class Targets {
  private Targets() {}

  /**
   * One output to drill into, with the content hashes the two sides' fingerprints gave (null when a
   * side's fingerprint carried none).
   */
  public record Target(String output, String baselineHash, String candidateHash) {}

  /**
   * The outputs of a MISMATCH verdict with a CONTENT finding no waiver accepts, each once, in the
   * findings' order; none for any other verdict.
   */
  public static List<Target> of(Verdict verdict) {
    return of(verdict, output -> true);
  }

  /** As {@link #of(Verdict)}, of the outputs {@code drilled} accepts only. */
  public static List<Target> of(Verdict verdict, java.util.function.Predicate<String> drilled) {
    if (verdict.getOutcome() != Outcome.MISMATCH) {
      return List.of();
    }
    Set<String> outputs = new LinkedHashSet<>();
    for (Finding f : verdict.getFindings()) {
      if (f.getKind() == FindingKind.CONTENT
          && f.getWaiver() == null
          && f.getOutput() != null
          && drilled.test(f.getOutput())) {
        outputs.add(f.getOutput());
      }
    }
    List<Target> targets = new ArrayList<>();
    for (String output : outputs) {
      targets.add(
          new Target(
              output, hash(verdict.getBaseline(), output), hash(verdict.getCandidate(), output)));
    }
    return targets;
  }

  private static String hash(SideSummary side, String output) {
    if (side == null) {
      return null;
    }
    for (OutputSummary o : side.getOutputs()) {
      if (o.getOutput().equals(output)) {
        return o.getContentHash();
      }
    }
    return null;
  }

  /**
   * The agent's name for {@code side} of {@code output}: {@code template} with {@code {side}},
   * {@code {output}} and {@code {workflow}} replaced.
   */
  public static String agentName(String template, String side, String output, String workflow) {
    return template
        .replace("{side}", side)
        .replace("{output}", output)
        .replace("{workflow}", workflow);
  }
}
