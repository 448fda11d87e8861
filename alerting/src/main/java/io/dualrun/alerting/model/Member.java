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
    Instant referenceTime) {
  public Member {
    findings = findings == null ? List.of() : List.copyOf(findings);
  }

  /** Outputs named by the findings (for silence matchers). */
  public List<String> outputs() {
    return findings.stream().map(FindingLine::output).filter(o -> o != null).distinct().toList();
  }
}
