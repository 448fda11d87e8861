package io.dualrun.reconciler.rest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dualrun.inventory.WorkflowSpec;
import io.dualrun.reconciler.decide.DifferingColumns;
import io.dualrun.reconciler.decide.VerdictCodec;
import io.dualrun.reconciler.engine.Breaches;
import io.dualrun.reconciler.state.AttemptRef;
import io.dualrun.reconciler.state.PairState;
import io.dualrun.reconciler.state.SideState;
import io.dualrun.reconciler.state.SideView;
import io.dualrun.reconciler.state.StoredBreach;
import io.dualrun.reconciler.state.StoredOutput;
import io.dualrun.schemas.PairKey;
import io.dualrun.schemas.avro.Side;
import io.dualrun.schemas.avro.Verdict;
import io.dualrun.schemas.json.AvroJson;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The answer of one pair for {@code GET /v1/pairs/{workflow}/{partition}} and of its digest row.
 */
final class PairJson {
  private PairJson() {}

  static String outcome(PairState s) {
    Verdict v = VerdictCodec.decode(s.getLastVerdict());
    return v == null ? "PENDING" : v.getOutcome().name();
  }

  static PairView pair(PairState s, WorkflowSpec spec, long now) {
    return pair(s, spec, now, List.of());
  }

  /** With the pair's drill-down reports, one per output. */
  static PairView pair(
      PairState s,
      WorkflowSpec spec,
      long now,
      List<io.dualrun.schemas.avro.DiffReport> drillDowns) {
    Verdict v = VerdictCodec.decode(s.getLastVerdict());
    List<JsonNode> open = new ArrayList<>();
    List<JsonNode> all = new ArrayList<>();
    for (StoredBreach b : s.getBreaches()) {
      ObjectNode json = AvroJson.write(Breaches.record(s, b, spec, now));
      json.put(
          "observedAt",
          Instant.ofEpochMilli(b.getOpen() ? b.getOpenedAt() : b.getClosedAt()).toString());
      all.add(json);
      if (b.getOpen()) {
        open.add(json);
      }
    }
    List<JsonNode> findings = new ArrayList<>();
    PairView.Decision decision = null;
    if (v != null) {
      v.getFindings().forEach(f -> findings.add(AvroJson.write(f)));
      decision =
          new PairView.Decision(
              v.getReason().name(),
              v.getDecidedAt().toString(),
              v.getPreviousOutcome() == null ? null : v.getPreviousOutcome().name(),
              v.getResolution());
    }
    return new PairView(
        s.getWorkflow(),
        s.getPartition(),
        PairKey.key(s.getWorkflow(), s.getPartition()),
        outcome(s),
        s.getRevision(),
        spec.inventoried(),
        spec.owner(),
        spec.inventoried() ? spec.tier() : null,
        side(Side.BASELINE, s.getBaseline()),
        side(Side.CANDIDATE, s.getCandidate()),
        findings,
        decision,
        v == null ? null : AvroJson.write(v),
        open,
        all,
        Instant.ofEpochMilli(s.getLastActivity()).toString(),
        drillDowns.stream().map(r -> (JsonNode) AvroJson.write(r)).toList());
  }

  private static PairView.SideJson side(Side side, SideState state) {
    SideView view = SideView.of(side, state);
    if (view == null) {
      return null;
    }
    List<PairView.Attempt> attempts = new ArrayList<>();
    for (AttemptRef a : state.getAttempts()) {
      attempts.add(
          new PairView.Attempt(a.getAttempt(), a.getRunId(), a.getAttempt() == view.attempt()));
    }
    List<PairView.Output> outputs = new ArrayList<>();
    for (StoredOutput out : view.outputs().values()) {
      outputs.add(
          new PairView.Output(
              out.getOutput(),
              out.getRowCount(),
              out.getContentHash(),
              Instant.ofEpochMilli(out.getEventTime()).toString(),
              out.getNormalisation(),
              List.copyOf(out.getRerunDiffers())));
    }
    return new PairView.SideJson(
        view.attempt(),
        view.runId(),
        view.orchestrator(),
        view.status().name(),
        view.terminal(),
        time(view.startTime()),
        time(view.endTime()),
        view.durationMs(),
        view.failedTask(),
        view.error(),
        view.logUrl(),
        attempts,
        outputs);
  }

  private static String time(Long millis) {
    return millis == null ? null : Instant.ofEpochMilli(millis).toString();
  }

  /** A digest row: what the list endpoints need of one pair. */
  static DigestRow digest(PairState s, WorkflowSpec spec, long now) {
    SideView b = SideView.of(Side.BASELINE, s.getBaseline());
    SideView c = SideView.of(Side.CANDIDATE, s.getCandidate());
    List<String> open = new ArrayList<>();
    s.getBreaches().stream()
        .filter(x -> x.getOpen())
        .forEach(
            x ->
                open.add(
                    Breaches.breachId(
                        s.getWorkflow(), s.getPartition(), Breaches.kind(x), Breaches.side(x))));
    return new DigestRow(
        s.getWorkflow(),
        s.getPartition(),
        outcome(s),
        spec.inventoried(),
        b == null || !b.succeeded() ? null : b.durationMs(),
        c == null || !c.succeeded() ? null : c.durationMs(),
        open,
        datasets(b, c, true),
        datasets(b, c, false),
        rows(b),
        rows(c),
        DifferingColumns.of(spec, b, c),
        nondeterministic(b));
  }

  /** Per baseline output, the columns its own reruns showed nondeterministic. */
  private static java.util.Map<String, List<String>> nondeterministic(SideView baseline) {
    java.util.Map<String, List<String>> out = new java.util.TreeMap<>();
    if (baseline != null) {
      baseline
          .outputs()
          .forEach(
              (name, o) -> {
                if (!o.getRerunDiffers().isEmpty()) {
                  out.put(name, List.copyOf(o.getRerunDiffers()));
                }
              });
    }
    return out;
  }

  /** Each output's row count on {@code side} when it succeeded. */
  private static java.util.Map<String, Long> rows(SideView side) {
    java.util.Map<String, Long> out = new java.util.TreeMap<>();
    if (side != null && side.succeeded()) {
      side.outputs().forEach((name, o) -> out.put(name, o.getRowCount()));
    }
    return out;
  }

  /** The datasets either side read ({@code reads}) or wrote: announced or fingerprinted. */
  private static List<String> datasets(SideView b, SideView c, boolean reads) {
    java.util.TreeSet<String> names = new java.util.TreeSet<>();
    for (SideView v : new SideView[] {b, c}) {
      if (v == null) {
        continue;
      }
      if (reads) {
        names.addAll(v.reads());
      } else {
        names.addAll(v.announced());
        names.addAll(v.outputs().keySet());
      }
    }
    return List.copyOf(names);
  }
}
