package io.dualrun.reconciler.decide;

import io.dualrun.inventory.WorkflowSpec;
import io.dualrun.reconciler.policy.WaiverBook;
import io.dualrun.reconciler.policy.WaiverRules;
import io.dualrun.reconciler.state.SideView;
import io.dualrun.reconciler.state.StoredOutput;
import io.dualrun.schemas.avro.DecisionReason;
import io.dualrun.schemas.avro.Outcome;
import io.dualrun.schemas.avro.OutputSummary;
import io.dualrun.schemas.avro.SideSummary;
import io.dualrun.schemas.avro.Verdict;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.apache.avro.Schema;

/** Builds verdicts and tells whether two verdicts say the same thing. */
public final class VerdictBuilder {
  private VerdictBuilder() {}

  /** The verdict for the pair as it stands, no waiver recorded, before revision bookkeeping. */
  public static Verdict build(
      String workflow,
      String partition,
      WorkflowSpec spec,
      SideView baseline,
      SideView candidate,
      DecisionReason reason,
      long now) {
    return build(workflow, partition, spec, baseline, candidate, reason, now, WaiverBook.NONE);
  }

  /**
   * The verdict for the pair as it stands, its findings marked with the waivers of the workflow
   * ({@code waivers}, looked up only when there is a finding) that cover them at {@code now},
   * before revision bookkeeping.
   */
  public static Verdict build(
      String workflow,
      String partition,
      WorkflowSpec spec,
      SideView baseline,
      SideView candidate,
      DecisionReason reason,
      long now,
      WaiverBook waivers) {
    var findings = Findings.of(spec, baseline, candidate);
    Outcome outcome =
        findings.isEmpty()
            ? Outcome.MATCH
            : WaiverRules.apply(
                findings,
                waivers.of(workflow),
                workflow,
                partition,
                now,
                candidate == null ? null : candidate.jobVersion());
    return Verdict.newBuilder()
        .setWorkflow(workflow)
        .setPartition(partition)
        .setRevision(0)
        .setOutcome(outcome)
        .setPreviousOutcome(null)
        .setResolution(false)
        .setReason(reason)
        .setDecidedAt(Instant.ofEpochMilli(now))
        .setInventoried(spec.inventoried())
        .setOwner(spec.owner())
        .setTier(spec.inventoried() ? spec.tier() : null)
        .setBaseline(summary(baseline))
        .setCandidate(summary(candidate))
        .setFindings(findings)
        .build();
  }

  /**
   * The verdict of a pair judged on its candidate alone (its workflow has cut over): reason
   * CANDIDATE_ALONE, no baseline summary, the findings of {@link Findings#alone} with their
   * waivers.
   */
  public static Verdict buildAlone(
      String workflow,
      String partition,
      WorkflowSpec spec,
      SideView candidate,
      long now,
      WaiverBook waivers) {
    var findings = Findings.alone(spec, candidate);
    Outcome outcome =
        findings.isEmpty()
            ? Outcome.MATCH
            : WaiverRules.apply(
                findings, waivers.of(workflow), workflow, partition, now, candidate.jobVersion());
    return Verdict.newBuilder()
        .setWorkflow(workflow)
        .setPartition(partition)
        .setRevision(0)
        .setOutcome(outcome)
        .setPreviousOutcome(null)
        .setResolution(false)
        .setReason(DecisionReason.CANDIDATE_ALONE)
        .setDecidedAt(Instant.ofEpochMilli(now))
        .setInventoried(spec.inventoried())
        .setOwner(spec.owner())
        .setTier(spec.inventoried() ? spec.tier() : null)
        .setBaseline(null)
        .setCandidate(summary(candidate))
        .setFindings(findings)
        .build();
  }

  /** Sets revision, previousOutcome and resolution of {@code next} following {@code previous}. */
  public static Verdict revise(Verdict next, Verdict previous) {
    if (previous == null) {
      next.setRevision(1);
      return next;
    }
    next.setRevision(previous.getRevision() + 1);
    next.setPreviousOutcome(previous.getOutcome());
    next.setResolution(
        previous.getOutcome() == Outcome.MISMATCH && next.getOutcome() != Outcome.MISMATCH);
    return next;
  }

  /**
   * Whether a user would see the same: the same outcome and the same findings (kinds, outputs,
   * columns, both sides' values, details). Side summaries (run times, log links) are not compared.
   */
  public static boolean sameFindings(Verdict a, Verdict b) {
    if (a == null || b == null) {
      return false;
    }
    return a.getOutcome() == b.getOutcome() && a.getFindings().equals(b.getFindings());
  }

  /** {@code next} with the revision bookkeeping (revision, timing, reason) of {@code previous}. */
  public static Verdict keepRevision(Verdict next, Verdict previous) {
    next.setRevision(previous.getRevision());
    next.setPreviousOutcome(previous.getPreviousOutcome());
    next.setResolution(previous.getResolution());
    next.setReason(previous.getReason());
    next.setDecidedAt(previous.getDecidedAt());
    return next;
  }

  /** Fields that say when and how a verdict was reached, not what it says. */
  static final Set<String> BOOKKEEPING =
      Set.of("revision", "previousOutcome", "resolution", "reason", "decidedAt");

  private static final List<Schema.Field> CONTENT =
      Verdict.getClassSchema().getFields().stream()
          .filter(f -> !BOOKKEEPING.contains(f.name()))
          .toList();

  /** Whether the two verdicts say the same (ignoring revision, timing and reason). */
  public static boolean sameContent(Verdict a, Verdict b) {
    if (a == null || b == null) {
      return a == b;
    }
    for (Schema.Field f : CONTENT) {
      if (!Objects.equals(a.get(f.pos()), b.get(f.pos()))) {
        return false;
      }
    }
    return true;
  }

  static SideSummary summary(SideView s) {
    if (s == null) {
      return null;
    }
    List<OutputSummary> outputs = new ArrayList<>();
    for (StoredOutput o : s.outputs().values()) {
      outputs.add(new OutputSummary(o.getOutput(), o.getRowCount(), o.getContentHash()));
    }
    return SideSummary.newBuilder()
        .setOrchestrator(s.orchestrator())
        .setRunId(s.runId())
        .setAttempt(s.attempt())
        .setStatus(s.status())
        .setStartTime(s.startTime() == null ? null : Instant.ofEpochMilli(s.startTime()))
        .setEndTime(s.endTime() == null ? null : Instant.ofEpochMilli(s.endTime()))
        .setDurationMs(s.durationMs())
        .setFailedTask(s.failedTask())
        .setError(s.error())
        .setLogUrl(s.logUrl())
        .setOutputs(outputs)
        .build();
  }
}
