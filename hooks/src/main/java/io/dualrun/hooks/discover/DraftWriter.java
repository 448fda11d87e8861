package io.dualrun.hooks.discover;

import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;

/**
 * Writes a {@code workflows.yaml} draft from matched jobs: one workflow per match, with both sides'
 * mappings, the schedule, time zone, granularity and owner where a source says them, and a {@code #
 * TODO} comment wherever a human must decide (an owner nobody names, schedules or time zones that
 * differ between the sides, assumed partition offsets, outputs). Jobs without a counterpart are
 * listed at the end, commented out. The draft is a valid inventory as written.
 */
public final class DraftWriter {
  private final StringBuilder out = new StringBuilder();
  private final Set<String> ids = new HashSet<>();

  private DraftWriter() {}

  /** The draft for {@code result}; {@code header} lines become comments at the top. */
  public static String write(JobMatcher.Result result, List<String> header) {
    DraftWriter w = new DraftWriter();
    header.forEach(h -> w.line("# " + h));
    w.line("# Lines marked TODO need a human. Every dualrun service validates the file at start.");
    w.line("");
    w.line("workflows:");
    if (result.matches().isEmpty()) {
      w.line("  {}");
    }
    for (JobMatcher.Match m : result.matches()) {
      w.workflow(m);
    }
    w.unmatched("baseline", result.baselineOnly());
    w.unmatched("candidate", result.candidateOnly());
    return w.out.toString();
  }

  private void workflow(JobMatcher.Match m) {
    DiscoveredJob b = m.baseline();
    DiscoveredJob c = m.candidate();
    line("  " + id(c.name()) + ":");
    line(
        String.format(
            Locale.ROOT,
            "    # matched by name: %s %s (%s) ~ %s %s (%s), similarity %.2f",
            b.orchestrator(),
            b.job(),
            b.where(),
            c.orchestrator(),
            c.job(),
            c.where(),
            m.similarity()));
    String owner = b.owner() != null ? b.owner() : c.owner();
    if (owner == null) {
      line("    owner: unowned            # TODO: no source names an owner");
    } else {
      line("    owner: " + quote(owner));
    }
    String zone = b.timezone() != null ? b.timezone() : c.timezone();
    if (zone != null) {
      line("    timezone: " + quote(zone));
    }
    if (b.timezone() != null && c.timezone() != null && !b.timezone().equals(c.timezone())) {
      line("    # TODO: the sides' time zones differ: " + b.timezone() + " / " + c.timezone());
    }
    String cron = b.cron() != null ? b.cron() : c.cron();
    Cadence cadence = cron == null ? Cadence.DAY : Cadence.of(cron);
    line("    granularity: " + cadence.granularity);
    if (cron != null) {
      line("    schedule:");
      line("      cron: " + quote(cron));
      line(
          "      partitionOffset: "
              + cadence.offset
              + "   # TODO: check (assumed: a run processes the previous "
              + cadence.granularity
              + ")");
    }
    if (b.cron() != null && c.cron() != null && !b.cron().equals(c.cron())) {
      line("    # TODO: schedules differ: baseline " + b.cron() + ", candidate " + c.cron());
    }
    line("    baseline: " + side(b, cadence));
    line("    candidate: " + side(c, cadence));
    for (DiscoveredJob j : List.of(b, c)) {
      for (String note : j.notes()) {
        line("    # TODO: " + j.orchestrator() + " " + j.job() + ": " + note);
      }
    }
    line(
        "    # TODO: outputs: declare the tables this workflow writes, to compare their fingerprints");
  }

  /**
   * A side's mapping; cron and Kestra times are fire times, Airflow's logical date is the data's.
   */
  private static String side(DiscoveredJob j, Cadence cadence) {
    StringBuilder s = new StringBuilder("{orchestrator: " + j.orchestrator());
    s.append(", job: ").append(quote(j.job()));
    if (!j.orchestrator().equals("airflow")) {
      s.append(", partitionOffset: ").append(cadence.offset);
    }
    return s.append("}").toString();
  }

  private void unmatched(String side, List<DiscoveredJob> jobs) {
    if (jobs.isEmpty()) {
      return;
    }
    line("");
    line("# TODO: " + side + " jobs without a counterpart of a similar name (map them by hand):");
    for (DiscoveredJob j : jobs) {
      line(
          "#   "
              + j.orchestrator()
              + " "
              + j.job()
              + (j.cron() == null ? "" : " (" + j.cron() + ")")
              + " at "
              + j.where());
    }
  }

  /** A workflow id from a job name: unique, and valid for the inventory. */
  private String id(String job) {
    String base = JobMatcher.normalise(job).replace('_', '-');
    if (base.isEmpty() || !Character.isLetterOrDigit(base.charAt(0))) {
      base = "workflow" + (base.isEmpty() ? "" : "-" + base);
    }
    base = base.length() > 120 ? base.substring(0, 120) : base;
    String id = base;
    for (int n = 2; !ids.add(id); n++) {
      id = base + "-" + n;
    }
    return id;
  }

  private static String quote(String s) {
    Objects.requireNonNull(s);
    return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
  }

  private void line(String s) {
    out.append(s).append('\n');
  }
}
