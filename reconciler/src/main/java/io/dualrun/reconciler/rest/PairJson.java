package io.dualrun.reconciler.rest;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dualrun.inventory.WorkflowSpec;
import io.dualrun.reconciler.decide.VerdictCodec;
import io.dualrun.reconciler.engine.Breaches;
import io.dualrun.reconciler.state.AttemptRef;
import io.dualrun.reconciler.state.PairState;
import io.dualrun.reconciler.state.SideState;
import io.dualrun.reconciler.state.SideView;
import io.dualrun.reconciler.state.StoredOutput;
import io.dualrun.schemas.PairKey;
import io.dualrun.schemas.avro.Side;
import io.dualrun.schemas.avro.Verdict;
import io.dualrun.schemas.json.AvroJson;
import java.time.Instant;

/** JSON of one pair for {@code GET /v1/pairs/{workflow}/{partition}} and of its digest row. */
final class PairJson {
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  private PairJson() {}

  static String outcome(PairState s) {
    Verdict v = VerdictCodec.decode(s.getLastVerdict());
    return v == null ? "PENDING" : v.getOutcome().name();
  }

  static ObjectNode pair(PairState s, WorkflowSpec spec, long now) {
    Verdict v = VerdictCodec.decode(s.getLastVerdict());
    ObjectNode o = NODES.objectNode();
    o.put("workflow", s.getWorkflow());
    o.put("partition", s.getPartition());
    o.put("key", PairKey.key(s.getWorkflow(), s.getPartition()));
    o.put("outcome", outcome(s));
    o.put("revision", s.getRevision());
    o.put("inventoried", spec.inventoried());
    o.put("owner", spec.owner());
    if (spec.inventoried()) {
      o.put("tier", spec.tier());
    } else {
      o.putNull("tier");
    }
    o.set("baseline", side(Side.BASELINE, s.getBaseline()));
    o.set("candidate", side(Side.CANDIDATE, s.getCandidate()));
    ArrayNode findings = o.putArray("findings");
    if (v != null) {
      v.getFindings().forEach(f -> findings.add(AvroJson.write(f)));
      o.put("reason", v.getReason().name());
      o.put("decidedAt", v.getDecidedAt().toString());
      o.put(
          "previousOutcome", v.getPreviousOutcome() == null ? null : v.getPreviousOutcome().name());
      o.put("resolution", v.getResolution());
      o.set("verdict", AvroJson.write(v));
    } else {
      o.putNull("verdict");
    }
    ArrayNode open = o.putArray("openBreaches");
    ArrayNode all = o.putArray("breaches");
    s.getBreaches()
        .forEach(
            b -> {
              ObjectNode json = AvroJson.write(Breaches.record(s, b, spec, now));
              json.put(
                  "observedAt",
                  Instant.ofEpochMilli(b.getOpen() ? b.getOpenedAt() : b.getClosedAt()).toString());
              all.add(json);
              if (b.getOpen()) {
                open.add(json);
              }
            });
    o.put("lastActivity", Instant.ofEpochMilli(s.getLastActivity()).toString());
    return o;
  }

  private static ObjectNode side(Side side, SideState state) {
    SideView view = SideView.of(side, state);
    if (view == null) {
      return null;
    }
    ObjectNode o = NODES.objectNode();
    o.put("attempt", view.attempt());
    o.put("runId", view.runId());
    o.put("orchestrator", view.orchestrator());
    o.put("status", view.status().name());
    o.put("terminal", view.terminal());
    o.put(
        "startTime",
        view.startTime() == null ? null : Instant.ofEpochMilli(view.startTime()).toString());
    o.put(
        "endTime", view.endTime() == null ? null : Instant.ofEpochMilli(view.endTime()).toString());
    o.put("durationMs", view.durationMs());
    o.put("failedTask", view.failedTask());
    o.put("error", view.error());
    o.put("logUrl", view.logUrl());
    ArrayNode attempts = o.putArray("attempts");
    for (AttemptRef a : state.getAttempts()) {
      ObjectNode run = attempts.addObject();
      run.put("attempt", a.getAttempt());
      run.put("runId", a.getRunId());
      run.put("current", a.getAttempt() == view.attempt());
    }
    ArrayNode outputs = o.putArray("outputs");
    for (StoredOutput out : view.outputs().values()) {
      ObjectNode x = outputs.addObject();
      x.put("output", out.getOutput());
      x.put("rowCount", out.getRowCount());
      x.put("contentHash", out.getContentHash());
      x.put("eventTime", Instant.ofEpochMilli(out.getEventTime()).toString());
    }
    return o;
  }

  /** A digest row: what the list endpoints need of one pair. */
  static ObjectNode digest(PairState s, WorkflowSpec spec, long now) {
    ObjectNode o = NODES.objectNode();
    o.put("workflow", s.getWorkflow());
    o.put("partition", s.getPartition());
    o.put("outcome", outcome(s));
    o.put("inventoried", spec.inventoried());
    SideView b = SideView.of(Side.BASELINE, s.getBaseline());
    SideView c = SideView.of(Side.CANDIDATE, s.getCandidate());
    o.put("baselineDurationMs", b == null || !b.succeeded() ? null : b.durationMs());
    o.put("candidateDurationMs", c == null || !c.succeeded() ? null : c.durationMs());
    ArrayNode open = o.putArray("openBreaches");
    s.getBreaches().stream()
        .filter(x -> x.getOpen())
        .forEach(
            x ->
                open.add(
                    Breaches.breachId(
                        s.getWorkflow(), s.getPartition(), Breaches.kind(x), Breaches.side(x))));
    return o;
  }
}
