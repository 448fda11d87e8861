package io.dualrun.alerting.model;

import java.time.Instant;
import java.util.List;

/**
 * One partition grouped into an alert, with what differs there.
 *
 * @param key unique within the alert: the partition, plus {@code "/" + side} for freshness breaches
 * @param partition the logical partition
 * @param side the late side (freshness breaches), else null
 * @param revision the verdict revision it comes from (0 for breaches)
 * @param since when it was observed (verdict decision time, breach observation time)
 * @param findings the differences of this alert's kind (empty for breaches)
 * @param detail one sentence (breach detail, or the first finding's)
 * @param baseline the baseline run, when known
 * @param candidate the candidate run, when known
 * @param dueTime when the late side was due (breaches)
 * @param referenceTime when the on-time side finished (breaches)
 * @param rows what an automatic drill-down found for this partition (CONTENT alerts), one line per
 *     output, e.g. {@code dw.t: 3 rows differ: id 1042 amount 10.50 → 10.05; …}; empty when none
 */
public record Member(
    String key,
    String partition,
    String side,
    int revision,
    Instant since,
    List<FindingLine> findings,
    String detail,
    RunInfo baseline,
    RunInfo candidate,
    Instant dueTime,
    Instant referenceTime,
    List<String> rows) {
  public Member {
    findings = findings == null ? List.of() : List.copyOf(findings);
    rows = rows == null ? List.of() : List.copyOf(rows);
  }

  /** The same member with {@code output}'s drill-down line replaced by {@code line}. */
  public Member withRows(String output, String line) {
    List<String> merged = new java.util.ArrayList<>();
    for (String r : rows) {
      if (!r.startsWith(output + ": ")) {
        merged.add(r);
      }
    }
    merged.add(line);
    return new Member(
        key,
        partition,
        side,
        revision,
        since,
        findings,
        detail,
        baseline,
        candidate,
        dueTime,
        referenceTime,
        merged);
  }

  /** Outputs named by the findings (for silence matchers). */
  public List<String> outputs() {
    return findings.stream().map(FindingLine::output).filter(o -> o != null).distinct().toList();
  }
}
