package io.dualrun.cli.demo;

import com.fasterxml.jackson.databind.JsonNode;
import io.dualrun.alerting.model.AlertAction;
import io.dualrun.alerting.model.AlertEvent;
import io.dualrun.alerting.render.MessageRenderer;
import io.dualrun.schemas.avro.BreachState;
import io.dualrun.schemas.avro.Finding;
import io.dualrun.schemas.avro.FreshnessBreach;
import io.dualrun.schemas.avro.Outcome;
import io.dualrun.schemas.avro.Verdict;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * Prints the demo's summary: verdicts per workflow, mismatches, breaches, readiness, waves, alerts.
 */
public final class DemoReport {
  private final DemoResults results;
  private final JsonNode readiness;
  private final JsonNode waves;
  private final JsonNode waivers;
  private final List<AlertEvent> announced;
  private final List<WebhookSink.Notice> received;
  private final JsonNode drilled;

  /**
   * @param announced every announcement alerting decided, in order (null: no alert section)
   * @param received what the demo's webhook received
   * @param drilled the REST answer of the pair drilled into (null: no drill-down section)
   */
  public DemoReport(
      DemoResults results,
      JsonNode readiness,
      JsonNode waves,
      JsonNode waivers,
      List<AlertEvent> announced,
      List<WebhookSink.Notice> received,
      JsonNode drilled) {
    this.drilled = drilled;
    this.results = results;
    this.readiness = readiness;
    this.waves = waves;
    this.waivers = waivers;
    this.announced = announced;
    this.received = received;
  }

  public void print(PrintWriter out) {
    workflows(out);
    mismatches(out);
    hints(out);
    waivers(out);
    resolutions(out);
    breaches(out);
    readiness(out);
    waves(out);
    alerts(out);
    drillDown(out);
    out.flush();
  }

  /** The automatic drill-down's report of the pair, and the line its CONTENT alert carries. */
  private void drillDown(PrintWriter out) {
    if (drilled == null) {
      return;
    }
    out.println();
    out.println(
        "Automatic drill-down (dualrun drilldown through two side agents, each reading a CSV copy"
            + " of one side's table)");
    String pair = drilled.path("workflow").asText() + "/" + drilled.path("partition").asText();
    for (JsonNode d : drilled.path("drillDowns")) {
      out.println(
          String.format(
              "%s %s: %s, %d only in the baseline, %d only in the candidate, %d changed;"
                  + " %d bytes crossed between the sides",
              pair,
              d.path("output").asText(),
              d.path("status").asText(),
              d.path("onlyInBaseline").asLong(),
              d.path("onlyInCandidate").asLong(),
              d.path("changed").asLong(),
              d.path("bytesCrossed").asLong()));
      List<String> columns = new java.util.ArrayList<>();
      d.path("columns").forEach(c -> columns.add(c.asText()));
      List<String> keys = new java.util.ArrayList<>();
      d.path("keyColumns").forEach(c -> keys.add(c.asText()));
      for (JsonNode r : d.path("rows")) {
        StringBuilder line = new StringBuilder("  ").append(r.path("kind").asText());
        for (int i = 0; i < keys.size(); i++) {
          line.append(' ').append(keys.get(i)).append(' ').append(r.path("key").path(i).asText());
        }
        for (JsonNode c : r.path("changedColumns")) {
          int at = columns.indexOf(c.asText());
          line.append(", ")
              .append(c.asText())
              .append(' ')
              .append(r.path("baseline").path(at).asText())
              .append(" → ")
              .append(r.path("candidate").path(at).asText());
        }
        out.println(line);
      }
    }
    if (announced == null) {
      return;
    }
    announced.stream()
        .filter(
            e ->
                e.workflow().equals(drilled.path("workflow").asText())
                    && e.kind().equals("CONTENT"))
        .flatMap(e -> e.members().stream())
        .flatMap(m -> m.rows().stream())
        .reduce((first, second) -> second)
        .ifPresent(rows -> out.println("Its CONTENT alert was sent again with: Rows: " + rows));
  }

  private void workflows(PrintWriter out) {
    out.println();
    out.println("Verdicts per workflow (latest revision of each pair)");
    TextTable t =
        new TextTable(
            "WORKFLOW", "PAIRS", "MATCH", "MISMATCH", "WAIVED", "FINDINGS", "BREACHES", "SCENARIO");
    Map<String, List<Verdict>> byWorkflow = new TreeMap<>();
    results
        .latest
        .values()
        .forEach(v -> byWorkflow.computeIfAbsent(v.getWorkflow(), k -> new ArrayList<>()).add(v));
    byWorkflow.forEach(
        (wf, verdicts) -> {
          long match = verdicts.stream().filter(v -> v.getOutcome() == Outcome.MATCH).count();
          long waived =
              verdicts.stream().filter(v -> v.getOutcome() == Outcome.MATCH_WITH_WAIVER).count();
          Map<String, Long> kinds =
              verdicts.stream()
                  .flatMap(v -> v.getFindings().stream())
                  .collect(
                      Collectors.groupingBy(
                          f -> f.getKind().name(), TreeMap::new, Collectors.counting()));
          Map<String, Long> breachKinds =
              results.breaches.stream()
                  .filter(b -> b.getWorkflow().equals(wf) && b.getState() == BreachState.OPEN)
                  .collect(
                      Collectors.groupingBy(
                          b -> b.getKind().name(), TreeMap::new, Collectors.counting()));
          t.row(
              wf + (verdicts.get(0).getInventoried() ? "" : " *"),
              verdicts.size(),
              match,
              verdicts.size() - match - waived,
              waived,
              counts(kinds),
              counts(breachKinds),
              SampleMigration.SCENARIO.getOrDefault(wf, ""));
        });
    t.print(out);
    out.println("* not in the inventory: reconciled with the default rules");
  }

  private void mismatches(PrintWriter out) {
    out.println();
    out.println("Mismatching pairs");
    TextTable t =
        new TextTable("PAIR", "REV", "KIND", "OUTPUT/COLUMN", "BASELINE", "CANDIDATE", "DETAIL");
    results.latest.values().stream()
        .filter(v -> v.getOutcome() == Outcome.MISMATCH)
        .forEach(
            v -> {
              for (Finding f : v.getFindings()) {
                t.row(
                    v.getWorkflow() + "/" + v.getPartition(),
                    v.getRevision(),
                    f.getKind(),
                    join(f.getOutput(), f.getColumn()),
                    clip(f.getBaselineValue()),
                    clip(f.getCandidateValue()),
                    clip(f.getDetail()));
              }
            });
    t.print(out);
  }

  /**
   * The root-cause hints of the mismatching pairs' findings, once per workflow and column: the
   * kinds of finding that carried one, how many pairs, and the first pair's hint whole.
   */
  private void hints(PrintWriter out) {
    java.util.Map<String, java.util.SortedSet<String>> pairs = new java.util.TreeMap<>();
    java.util.Map<String, java.util.Set<String>> kinds = new java.util.HashMap<>();
    java.util.Map<String, String> first = new java.util.HashMap<>();
    results.latest.values().stream()
        .filter(v -> v.getOutcome() == Outcome.MISMATCH)
        .sorted(java.util.Comparator.comparing(Verdict::getPartition))
        .forEach(
            v -> {
              for (Finding f : v.getFindings()) {
                if (f.getHint() != null) {
                  String key = v.getWorkflow() + " " + join(f.getOutput(), f.getColumn());
                  pairs.computeIfAbsent(key, k -> new java.util.TreeSet<>()).add(v.getPartition());
                  kinds
                      .computeIfAbsent(key, k -> new java.util.LinkedHashSet<>())
                      .add(f.getKind().name());
                  first.putIfAbsent(key, f.getHint());
                }
              }
            });
    out.println();
    out.println(
        "Root-cause hints (what a difference looks like, and the rule that would accept it)");
    pairs.forEach(
        (key, partitions) ->
            out.println(
                "  "
                    + key
                    + " ("
                    + String.join(", ", new java.util.TreeSet<>(kinds.get(key)))
                    + "), "
                    + (partitions.size() == 1
                        ? "1 pair (" + partitions.first() + ")"
                        : partitions.size()
                            + " pairs ("
                            + partitions.first()
                            + " .. "
                            + partitions.last()
                            + ")")
                    + ": "
                    + first.get(key)));
  }

  /** Each waiver, and the pairs whose differences it accepted (MATCH_WITH_WAIVER). */
  private void waivers(PrintWriter out) {
    out.println();
    out.println("Waivers (differences accepted on purpose)");
    TextTable t =
        new TextTable("WAIVER", "WORKFLOW", "SCOPE", "OWNER", "EXPIRES", "PAIRS WAIVED", "REASON");
    List<Verdict> waived =
        results.latest.values().stream()
            .filter(v -> v.getOutcome() == Outcome.MATCH_WITH_WAIVER)
            .toList();
    if (waivers != null) {
      for (JsonNode w : waivers) {
        String id = w.path("id").asText();
        List<String> pairs =
            waived.stream()
                .filter(v -> v.getFindings().stream().anyMatch(f -> id.equals(f.getWaiver())))
                .map(Verdict::getPartition)
                .sorted()
                .toList();
        t.row(
            id,
            w.path("workflow").asText(),
            scope(w),
            w.path("owner").asText(),
            w.path("expiresAt").asText("never"),
            pairs.isEmpty()
                ? "0"
                : pairs.size() + ": " + pairs.get(0) + " .. " + pairs.get(pairs.size() - 1),
            clip(w.path("reason").asText()));
      }
    }
    t.print(out);
  }

  private static String scope(JsonNode w) {
    List<String> parts = new ArrayList<>();
    for (String field : List.of("output", "column", "kind", "version")) {
      if (w.path(field).isTextual()) {
        parts.add(field + " " + w.path(field).asText());
      }
    }
    w.path("partitions").forEach(p -> parts.add("partition " + p.asText()));
    return parts.isEmpty() ? "every finding" : String.join(", ", parts);
  }

  private void resolutions(PrintWriter out) {
    List<Verdict> resolved = results.revisions.stream().filter(Verdict::getResolution).toList();
    out.println();
    out.println("Resolved by a later revision (MISMATCH -> MATCH): " + resolved.size());
    for (Verdict v : resolved) {
      out.println(
          "  "
              + v.getWorkflow()
              + "/"
              + v.getPartition()
              + " revision "
              + v.getRevision()
              + " (candidate attempt "
              + (v.getCandidate() == null ? "?" : v.getCandidate().getAttempt())
              + ") after "
              + history(v));
    }
  }

  private String history(Verdict resolved) {
    return results.revisions.stream()
        .filter(
            v ->
                v.getWorkflow().equals(resolved.getWorkflow())
                    && v.getPartition().equals(resolved.getPartition())
                    && v.getRevision() < resolved.getRevision())
        .map(
            v ->
                "rev "
                    + v.getRevision()
                    + " "
                    + v.getOutcome()
                    + " "
                    + v.getFindings().stream().map(f -> clip(f.getDetail())).toList())
        .collect(Collectors.joining("; "));
  }

  private void breaches(PrintWriter out) {
    out.println();
    out.println("Freshness breaches");
    TextTable t = new TextTable("BREACH", "STATE", "DUE", "OBSERVED", "DETAIL");
    for (FreshnessBreach b : results.breaches) {
      t.row(b.getBreachId(), b.getState(), b.getDueTime(), b.getObservedAt(), clip(b.getDetail()));
    }
    t.print(out);
  }

  private void readiness(PrintWriter out) {
    out.println();
    out.println("Cutover readiness");
    TextTable t = new TextTable("WORKFLOW", "STATUS", "MISMATCH RATE (95 %)", "REASONS");
    if (readiness != null && readiness.isArray()) {
      for (JsonNode w : readiness) {
        List<String> reasons = new ArrayList<>();
        w.path("reasons").forEach(r -> reasons.add(r.asText()));
        t.row(
            w.path("workflow").asText(),
            w.path("status").asText(),
            mismatchRate(w.path("evidence")),
            clip(String.join("; ", reasons)));
      }
    }
    t.print(out);
  }

  private void waves(PrintWriter out) {
    out.println();
    out.println("Cutover waves (a workflow moves after the workflows it reads from)");
    TextTable t =
        new TextTable("WAVE", "WORKFLOW", "STATUS", "ELIGIBLE", "BLAST RADIUS", "BLOCKED BY");
    if (waves != null) {
      for (JsonNode w : waves.path("workflows")) {
        List<String> blast = new ArrayList<>();
        w.path("blastRadius").forEach(b -> blast.add(b.asText()));
        List<String> blocked = new ArrayList<>();
        w.path("blockedBy").forEach(b -> blocked.add(b.asText()));
        t.row(
            w.path("wave").asText(),
            w.path("workflow").asText(),
            w.path("status").asText(),
            w.path("eligible").asBoolean() ? "yes" : "no",
            blast.isEmpty() ? "0" : blast.size() + ": " + String.join(", ", blast),
            clip(String.join("; ", blocked)));
      }
    }
    t.print(out);
    if (waves != null) {
      for (JsonNode cycle : waves.path("cycles")) {
        List<String> members = new ArrayList<>();
        cycle.forEach(m -> members.add(m.asText()));
        out.println(
            "Cycle (they read each other's outputs; they cut over together): "
                + String.join(", ", members));
      }
    }
  }

  /** "< 9.7 % (0 of 31)": what the decided partitions say of the mismatch rate. */
  private static String mismatchRate(JsonNode evidence) {
    if (!evidence.path("mismatchRateBelow").isNumber()) {
      return "";
    }
    return String.format(
        java.util.Locale.ROOT,
        "< %.1f %% (%d of %d)",
        evidence.path("mismatchRateBelow").asDouble() * 100,
        evidence.path("mismatches").asInt(),
        evidence.path("decided").asInt());
  }

  /**
   * Every announcement (OPEN, UPDATE, RESOLVE) by alert, in the order alerting decided them, and
   * whether the webhook received the latest of each.
   */
  private void alerts(PrintWriter out) {
    if (announced == null) {
      return;
    }
    List<AlertEvent> told =
        announced.stream()
            .filter(e -> e.action() != AlertAction.NONE)
            .sorted(
                java.util.Comparator.comparing(AlertEvent::alertId)
                    .thenComparingLong(AlertEvent::version))
            .toList();
    Map<String, Long> latest = new java.util.TreeMap<>();
    told.forEach(e -> latest.put(e.alertId(), e.version()));
    out.println();
    out.println(
        "Alerts: "
            + told.size()
            + " announcements of "
            + latest.size()
            + " alerts (by alert, in the order alerting decided them)");
    for (AlertEvent e : told) {
      String title = MessageRenderer.title(e);
      out.println(
          "  "
              + clip(
                  String.format("%-8s %s", e.action(), title.substring(title.indexOf("] ") + 2))));
    }
    long delivered =
        latest.entrySet().stream()
            .filter(
                l ->
                    received.stream()
                        .anyMatch(
                            n -> n.alertId().equals(l.getKey()) && n.version() == l.getValue()))
            .count();
    out.println(
        "The demo's webhook received the latest announcement of "
            + (delivered == latest.size() ? "every alert" : delivered + " of the alerts")
            + " ("
            + delivered
            + " of "
            + latest.size()
            + "; a newer version replaces one not yet delivered)");
  }

  private static String counts(Map<String, Long> counts) {
    return counts.entrySet().stream()
        .map(e -> e.getKey() + " " + e.getValue())
        .collect(Collectors.joining(", "));
  }

  private static String join(String a, String b) {
    String s = a == null ? "" : a;
    return b == null ? s : s.isEmpty() ? b : s + "." + b;
  }

  private static String clip(Object o) {
    String s = o == null ? "" : o.toString();
    return s.length() > 90 ? s.substring(0, 87) + "..." : s;
  }
}
