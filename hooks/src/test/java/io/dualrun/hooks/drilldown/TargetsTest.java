package io.dualrun.hooks.drilldown;

import static org.assertj.core.api.Assertions.assertThat;

import io.dualrun.schemas.avro.DecisionReason;
import io.dualrun.schemas.avro.Finding;
import io.dualrun.schemas.avro.FindingKind;
import io.dualrun.schemas.avro.Outcome;
import io.dualrun.schemas.avro.OutputSummary;
import io.dualrun.schemas.avro.RunStatus;
import io.dualrun.schemas.avro.SideSummary;
import io.dualrun.schemas.avro.Verdict;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class TargetsTest {
  private static Finding finding(FindingKind kind, String output, String waiver) {
    return Finding.newBuilder()
        .setKind(kind)
        .setOutput(output)
        .setDetail("d")
        .setWaiver(waiver)
        .build();
  }

  private static SideSummary side(String hashOfA) {
    return SideSummary.newBuilder()
        .setOrchestrator("o")
        .setRunId("r")
        .setAttempt(1)
        .setStatus(RunStatus.SUCCEEDED)
        .setOutputs(List.of(new OutputSummary("a", 1L, hashOfA), new OutputSummary("b", 1L, null)))
        .build();
  }

  private static Verdict verdict(Outcome outcome, List<Finding> findings) {
    return Verdict.newBuilder()
        .setWorkflow("wf")
        .setPartition("p")
        .setRevision(2)
        .setOutcome(outcome)
        .setReason(DecisionReason.COMPLETE)
        .setDecidedAt(Instant.EPOCH)
        .setInventoried(true)
        .setBaseline(side("00000000000000aa"))
        .setCandidate(side("00000000000000bb"))
        .setFindings(findings)
        .build();
  }

  @Test
  void eachOutputWithAnUnwaivedContentFindingOnceWithBothFingerprintsHashes() {
    Verdict v =
        verdict(
            Outcome.MISMATCH,
            List.of(
                finding(FindingKind.ROW_COUNT, "c", null),
                finding(FindingKind.CONTENT, "a", null),
                finding(FindingKind.COLUMN_STAT, "a", null),
                finding(FindingKind.CONTENT, "a", null),
                finding(FindingKind.CONTENT, "b", null),
                finding(FindingKind.CONTENT, "w", "waiver-1")));
    assertThat(Targets.of(v))
        .containsExactly(
            new Targets.Target("a", "00000000000000aa", "00000000000000bb"),
            new Targets.Target("b", null, null));
    assertThat(Targets.of(v, new DrilldownSettings("--output", "b").settings()::drills))
        .as("--output b: the outputs that have agents only")
        .containsExactly(new Targets.Target("b", null, null));
    assertThat(Targets.of(v, new DrilldownSettings().settings()::drills)).hasSize(2);
  }

  /** The settings {@code dualrun drilldown ARGS} runs with. */
  private record DrilldownSettings(String... args) {
    Coordinator.Settings settings() {
      DrilldownCommand command = new DrilldownCommand();
      new picocli.CommandLine(command).parseArgs(args);
      return command.settings();
    }
  }

  @Test
  void nothingForAMatchOrAWaivedMismatch() {
    assertThat(Targets.of(verdict(Outcome.MATCH, List.of()))).isEmpty();
    assertThat(
            Targets.of(
                verdict(
                    Outcome.MATCH_WITH_WAIVER,
                    List.of(finding(FindingKind.CONTENT, "a", "waiver-1")))))
        .isEmpty();
    assertThat(
            Targets.of(verdict(Outcome.MISMATCH, List.of(finding(FindingKind.STATUS, null, null)))))
        .isEmpty();
  }

  @Test
  void agentNamesComeFromTheTemplate() {
    assertThat(Targets.agentName("{side}:{output}", "baseline", "dw.t", "wf"))
        .isEqualTo("baseline:dw.t");
    assertThat(Targets.agentName("{workflow}-{side}", "candidate", "dw.t", "wf"))
        .isEqualTo("wf-candidate");
  }
}
