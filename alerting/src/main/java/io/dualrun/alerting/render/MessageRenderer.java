package io.dualrun.alerting.render;

import io.dualrun.alerting.model.AlertAction;
import io.dualrun.alerting.model.AlertEvent;
import io.dualrun.alerting.model.FindingLine;
import io.dualrun.alerting.model.Member;
import io.dualrun.alerting.model.RunInfo;
import io.dualrun.alerting.render.RenderedAlert.Fact;
import io.dualrun.alerting.render.RenderedAlert.Link;
import io.dualrun.alerting.render.RenderedAlert.Section;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Turns an alert emission into the text every receiver shows (shared by all adapters). */
public final class MessageRenderer {
  /** How many partitions are named, and how many are shown in detail. */
  public static final int SHOWN = 5;

  private final PairLinks pairLinks;

  public MessageRenderer(PairLinks pairLinks) {
    this.pairLinks = pairLinks;
  }

  public PairLinks pairLinks() {
    return pairLinks;
  }

  public RenderedAlert render(AlertEvent e) {
    List<Link> links = new ArrayList<>();
    List<Section> sections = new ArrayList<>();
    e.members().stream().limit(SHOWN).forEach(m -> sections.add(section(e.workflow(), m, links)));
    if (sections.isEmpty()) {
      e.partitions().stream()
          .limit(SHOWN)
          .forEach(p -> addLink(links, "Pair " + p, pairLinks.url(e.workflow(), p)));
    }
    return new RenderedAlert(title(e), facts(e), sections, links, footer(e));
  }

  public static String title(AlertEvent e) {
    String state = e.action() == AlertAction.RESOLVE ? "RESOLVED" : "FIRING";
    return "["
        + state
        + "] "
        + e.workflow()
        + ": "
        + e.kind()
        + " on "
        + e.partitionCount()
        + (e.partitionCount() == 1 ? " partition" : " partitions")
        + " ("
        + e.severity()
        + ")";
  }

  private static List<Fact> facts(AlertEvent e) {
    List<Fact> facts = new ArrayList<>();
    facts.add(new Fact("Workflow", e.workflow()));
    facts.add(new Fact("Owner", e.owner() == null ? "(no owner)" : e.owner()));
    facts.add(new Fact("Kind", e.kind()));
    facts.add(new Fact("Severity", e.severity()));
    facts.add(new Fact("Partitions", partitions(e.partitionCount(), e.partitions())));
    if (e.openedAt() != null) {
      facts.add(new Fact("Firing since", e.openedAt().toString()));
    }
    if (e.resolvedAt() != null) {
      facts.add(new Fact("Resolved at", e.resolvedAt().toString()));
    }
    if (!e.added().isEmpty() || !e.removed().isEmpty()) {
      facts.add(
          new Fact(
              "Change",
              e.added().size() + " new, " + e.removed().size() + " resolved since last notice"));
    }
    return facts;
  }

  /** "30: a, b, c, d, e and 25 more". */
  public static String partitions(int count, List<String> partitions) {
    StringBuilder b = new StringBuilder().append(count);
    if (!partitions.isEmpty()) {
      b.append(": ").append(String.join(", ", partitions.stream().limit(SHOWN).toList()));
      if (count > SHOWN) {
        b.append(" and ").append(count - SHOWN).append(" more");
      }
    }
    return b.toString();
  }

  private Section section(String workflow, Member m, List<Link> links) {
    List<String> lines = new ArrayList<>();
    if (m.findings().isEmpty() && m.detail() != null) {
      lines.add(m.detail());
    }
    m.findings().forEach(f -> lines.addAll(finding(f)));
    m.rows().forEach(r -> lines.add("Rows: " + r));
    if (m.dueTime() != null) {
      lines.add(m.side() + " was due at " + m.dueTime());
    }
    if (m.referenceTime() != null) {
      lines.add("the other side finished at " + m.referenceTime());
    }
    run("Baseline", m.baseline(), lines, links, m.partition());
    run("Candidate", m.candidate(), lines, links, m.partition());
    String pair = pairLinks.url(workflow, m.partition());
    if (pair != null) {
      lines.add("Pair: " + pair);
      addLink(links, "Pair " + m.partition(), pair);
    }
    String heading =
        "Partition " + m.partition() + (m.side() == null ? "" : " (" + m.side() + " late)");
    return new Section(heading, lines);
  }

  private static List<String> finding(FindingLine f) {
    List<String> lines = new ArrayList<>();
    lines.add(f.detail());
    if (f.hint() != null) {
      lines.add("Hint: " + f.hint());
    }
    if (f.baselineValue() != null || f.candidateValue() != null) {
      String where =
          (f.output() == null ? "" : f.output())
              + (f.column() == null ? "" : (f.output() == null ? "" : ".") + f.column());
      lines.add(
          (where.isEmpty() ? "" : where + ": ")
              + "baseline "
              + value(f.baselineValue())
              + " vs candidate "
              + value(f.candidateValue()));
    }
    return lines;
  }

  private static String value(String v) {
    return v == null ? "(none)" : v;
  }

  private static void run(
      String label, RunInfo r, List<String> lines, List<Link> links, String partition) {
    if (r == null) {
      lines.add(label + " run: not seen");
      return;
    }
    lines.add(
        label
            + " run: "
            + r.orchestrator()
            + " "
            + r.runId()
            + " attempt "
            + r.attempt()
            + " "
            + r.status().toLowerCase(Locale.ROOT)
            + ", "
            + time(r.startTime())
            + " → "
            + time(r.endTime())
            + (r.durationMs() == null ? "" : " (" + r.durationMs() / 1000 + " s)"));
    if (r.failedTask() != null || r.error() != null) {
      lines.add(
          label
              + " failed"
              + (r.failedTask() == null ? "" : " in task " + r.failedTask())
              + (r.error() == null ? "" : ": " + r.error()));
    }
    if (r.logUrl() != null) {
      lines.add(label + " log: " + r.logUrl());
      addLink(links, label + " log " + partition, r.logUrl());
    }
  }

  private static String time(Instant t) {
    return t == null ? "?" : t.toString();
  }

  private static void addLink(List<Link> links, String label, String url) {
    if (url != null && links.stream().noneMatch(l -> l.url().equals(url))) {
      links.add(new Link(label, url));
    }
  }

  private static String footer(AlertEvent e) {
    return "dualrun alert "
        + e.alertId()
        + " v"
        + e.version()
        + " ("
        + e.action().name().toLowerCase(Locale.ROOT)
        + ")";
  }
}
