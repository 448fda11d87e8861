package io.dualrun.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/**
 * {@code dualrun demo} end to end: real broker and registry, ingest, reconciler and alerting in
 * standalone mode, the recorded month replayed; the summary must show every scenario of the
 * recording with the verdicts, breaches, readiness and alerts it implies.
 */
class DemoIT {
  /** Not under the OS temporary directory, which Kafka Streams warns about for its state. */
  private final Path dir = Path.of("target", "demo-it-" + System.nanoTime()).toAbsolutePath();

  @Test
  void replaysTheRecordedMigrationAndPrintsWhatItFound() throws Exception {
    StringWriter text = new StringWriter();
    CommandLine cli = Dualrun.commandLine();
    cli.setOut(new PrintWriter(text, true));
    StringWriter progress = new StringWriter();
    cli.setErr(new PrintWriter(progress, true));
    int exit = cli.execute("demo", "--data-dir", dir.toString());
    String out = text.toString();

    assertThat(exit).as(out).isZero();
    assertThat(progress.toString()).contains("384 pairs");
    assertThat(out)
        // findings of every kind, with both sides' values
        .containsPattern("customer-dim/2026-11-12 +1 +ROW_COUNT +dw.dim_customer +2400000 +2364000")
        .containsPattern("revenue-metrics/2026-11-18 +1 +CONTENT")
        // a time-zone shift: the CONTENT finding names the column, a hint names the cause and rule
        .containsPattern("web-sessions/2026-11-17 +1 +CONTENT +web.sessions.touch_ts")
        .contains(
            "web-sessions web.sessions.touch_ts (COLUMN_STAT, CONTENT), 4 pairs (2026-11-17 .."
                + " 2026-11-20): touch_ts: min and max are both 1 h later on the candidate")
        .contains(
            "Rule that would accept it: normalise: {touch_ts: {timezone: Europe/Paris}} (dualrun"
                + " fingerprint --normalise touch_ts:timezone=Europe/Paris).")
        // a waiver accepts a difference: its pairs are MATCH_WITH_WAIVER, not mismatches
        .containsPattern("marketing-attribution +31 +25 +0 +6 +SCHEMA 6 ")
        .containsPattern(
            "w-touch-ts-as-text +marketing-attribution +output mart.attribution, kind SCHEMA"
                + " .* 6: 2026-11-15 \\.\\. 2026-11-20 ")
        .containsPattern(
            "inventory-snapshot/2026-11-08 +1 +COLUMN_STAT +dw.inventory_snapshot.quantity")
        .containsPattern("finance-ledger/2026-11-17 +1 +DURATION +PT20M +PT1H")
        .containsPattern(
            "product-catalog/2026-11-16 +1 +OUTPUT_MISSING +dw.product_images +present +missing")
        .containsPattern("orders-ingest/2026-11-19 +1 +STATUS +SUCCEEDED +FAILED")
        // a rerun that matches resolves the pair; a failed attempt followed by a good retry too
        .contains("revenue-metrics/2026-11-05 revision 2 (candidate attempt 2)")
        .contains("orders-ingest/2026-11-10 revision 2 (candidate attempt 2)")
        // breaches opened and closed, and an SLA missed with nothing arriving
        .containsPattern("payments-recon/2026-11-14/CANDIDATE_LATE/candidate +OPEN")
        .containsPattern("payments-recon/2026-11-14/CANDIDATE_LATE/candidate +CLOSED")
        .containsPattern("churn-features/2026-11-11/BASELINE_LATE/baseline +CLOSED")
        .containsPattern("supplier-feed/2026-11-20/SLA_MISSED/candidate +OPEN")
        // readiness
        .containsPattern("kpi-dashboard +READY +< 9\\.7 % \\(0 of 31\\)")
        .containsPattern("email-campaigns +NOT_READY +< .* +only 9 of the last 14 partitions")
        .containsPattern(
            "customer-dim +NOT_READY +< 18\\.9 % \\(2 of 31\\) +partition 2026-11-13 is MISMATCH")
        .containsPattern(
            "payments-recon +NOT_READY +< 9\\.7 % \\(0 of 31\\) +no clean partition yet on"
                + " quarter-end \\(the last day of a quarter\\)")
        // cutover waves from the datasets each workflow reads and writes
        .containsPattern("1 +churn-features +READY +yes +3: email-campaigns, kpi-dashboard")
        .containsPattern(
            "4 +kpi-dashboard +READY +no +0 +upstream marketing-attribution has not cut over")
        .contains(
            "Cycle (they read each other's outputs; they cut over together): finance-ledger, payments-recon")
        // uninventoried workflows are reconciled, flagged
        .containsPattern("adhoc-export \\* +3 +3 +0")
        // one alert per workflow and kind, saying how many partitions, opened, updated, resolved
        .contains("UPDATE   customer-dim: ROW_COUNT on 2 partitions (critical)")
        .contains("RESOLVE  payments-recon: STATUS on 1 partition (critical)")
        .doesNotContain("marketing-attribution: SCHEMA")
        .doesNotContain("marketing-attribution/2026-11-15  ")
        // an automatic drill-down through two CSV-backed side agents: the rows, and the alert
        .contains(
            "inventory-snapshot/2026-11-08 dw.inventory_snapshot: DIFFERENT, 0 only in the"
                + " baseline, 0 only in the candidate, 3 changed")
        .contains("CHANGED id 1042, quantity 1598 → 1610")
        .contains("UPDATE   inventory-snapshot: CONTENT on 1 partition (error)")
        .contains(
            "Its CONTENT alert was sent again with: Rows: dw.inventory_snapshot: 3 rows differ (3"
                + " changed): id 1042 quantity 1598 → 1610; id 20517 quantity 4123 → 4130;");
    // the README shows what the demo prints: each of its lines as printed, the alerts whole
    List<String> printed = out.lines().map(String::stripTrailing).toList();
    List<String> shown = readmeDemoBlock();
    assertThat(shown).hasSizeGreaterThan(40);
    for (String line : shown) {
      if (!line.equals("…") && !line.isEmpty()) {
        assertThat(printed).as("README line printed by the demo").contains(line);
      }
    }
    assertThat(section(printed, "Alerts: ", "The demo's webhook received"))
        .as("the alert section, as in the README (the same every run)")
        .isEqualTo(section(shown, "Alerts: ", "The demo's webhook received"));
    assertThat(out.strip().lines().map(String::stripTrailing).toList())
        .as("stdout, word for word as the README's whole summary")
        .isEqualTo(readmeWholeSummary());
    // the whole log in the data directory; results alone on stdout
    assertThat(progress.toString())
        .as("what the run is doing goes to stderr")
        .contains("log in " + dir.resolve("dualrun.log").toAbsolutePath())
        .contains("API and dashboard on http://");
    assertThat(out).doesNotContain("dualrun demo:");
    assertThat(dir.resolve("dualrun.log"))
        .content()
        .contains("INFO  [main] io.dualrun.platform.LocalPlatform - local platform ready")
        .doesNotContain("Processing exception handler is not enabled for the GlobalThread")
        .doesNotContain("Using an OS temp directory in the state.dir")
        .doesNotContain("Unable to assign");
    assertThat(out).doesNotContain(" INFO ").doesNotContain(" WARN ");
    // a transactional producer retrying a produce request the broker answered with a retriable
    // error (CONCURRENT_TRANSACTIONS while the previous commit's markers are written) logs a
    // warning and goes on: the output above is exact, nothing is lost or doubled
    List<String> warnings =
        java.nio.file.Files.readAllLines(dir.resolve("dualrun.log")).stream()
            .filter(l -> l.contains(" WARN "))
            .filter(l -> !(l.contains("producer.internals.Sender") && l.contains(", retrying (")))
            .toList();
    assertThat(warnings)
        .as("no warning on a clean run (first start included: every topic exists before use)")
        .isEmpty();
    // noise that must not alarm: a clean month with lost starts, duplicates and reordering
    assertThat(out).containsPattern("kpi-dashboard +31 +31 +0 ");
    assertThat(out).doesNotContain("kpi-dashboard/2026");
  }

  /** The lines of the README's demo output block. */
  private static List<String> readmeDemoBlock() {
    try {
      List<String> readme = java.nio.file.Files.readAllLines(java.nio.file.Path.of("../README.md"));
      int start = readme.indexOf("Verdicts per workflow (latest revision of each pair)");
      assertThat(start).as("README.md shows the demo's output").isPositive();
      int end = start;
      while (!readme.get(end).equals("```")) {
        end++;
      }
      return readme.subList(start, end).stream().map(String::stripTrailing).toList();
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  /** The lines of the README's whole demo summary (the block inside its details element). */
  private static List<String> readmeWholeSummary() {
    try {
      List<String> readme = java.nio.file.Files.readAllLines(java.nio.file.Path.of("../README.md"));
      int details = -1;
      for (int i = 0; i < readme.size(); i++) {
        if (readme.get(i).startsWith("<details><summary>The whole summary")) {
          details = i;
        }
      }
      assertThat(details).as("README.md shows the demo's whole summary").isPositive();
      int start = readme.subList(details, readme.size()).indexOf("```") + details + 1;
      int end = readme.subList(start, readme.size()).indexOf("```") + start;
      return readme.subList(start, end).stream().map(String::stripTrailing).toList();
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  /** The lines from the one starting with {@code first} to the one starting with {@code last}. */
  private static List<String> section(List<String> lines, String first, String last) {
    int from = -1;
    for (int i = 0; i < lines.size(); i++) {
      if (from < 0 && lines.get(i).startsWith(first)) {
        from = i;
      }
      if (from >= 0 && lines.get(i).startsWith(last)) {
        return lines.subList(from, i + 1);
      }
    }
    throw new AssertionError("no section from '" + first + "' to '" + last + "' in " + lines);
  }
}
