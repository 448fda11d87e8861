package io.dualrun.loadtest.oracle;

import java.util.List;

/**
 * The oracle's judgement of a run. {@link #passed()} only when every kind is at 100% precision and
 * recall and nothing is lost, doubled, unexpected or wrong.
 *
 * @param lost expected pairs without any verdict
 * @param duplicated verdict records seen twice for the same pair and revision (and breach records
 *     seen twice for the same breach and state)
 * @param unexpected verdicts for pairs the ground truth does not know, and breaches it does not
 *     expect that are still open, and findings of a kind the ground truth does not expect for the
 *     pair (in any revision)
 * @param wrong pairs whose final outcome differs from the expected one, breaches that did not close
 *     as expected, alerts that miss partitions
 * @param noise what came and went: a finding of a kind the ground truth does not expect for the
 *     pair in some revision (the final one is right, else the pair is wrong), a breach the ground
 *     truth does not expect that was closed again, an alert that also named partitions it should
 *     not have
 */
public record OracleReport(
    List<KindScore> scores,
    List<String> lost,
    List<String> duplicated,
    List<String> unexpected,
    List<String> wrong,
    List<String> noise,
    int verdicts,
    int breachRecords,
    int deliveries) {

  public boolean passed() {
    return lost.isEmpty()
        && duplicated.isEmpty()
        && unexpected.isEmpty()
        && wrong.isEmpty()
        && noise.isEmpty()
        && scores.stream().allMatch(KindScore::perfect);
  }

  /**
   * Nothing lost, doubled, unexpected or wrong, and every expected finding, breach and alert seen
   * (recall 100%): what a fault must never break. Noise (precision) is reported apart.
   */
  public boolean complete() {
    return lost.isEmpty()
        && duplicated.isEmpty()
        && unexpected.isEmpty()
        && wrong.isEmpty()
        && scores.stream().allMatch(k -> k.falseNegatives() == 0);
  }

  public String render() {
    StringBuilder s = new StringBuilder();
    s.append("| category | kind            |    TP |   FP |   FN | precision | recall |\n");
    s.append("|----------|-----------------|-------|------|------|-----------|--------|\n");
    scores.forEach(k -> s.append(k.row()).append('\n'));
    s.append('\n');
    s.append("verdict records: ")
        .append(verdicts)
        .append(", breach records: ")
        .append(breachRecords);
    s.append(", alert deliveries: ").append(deliveries).append('\n');
    list(s, "lost verdicts", lost);
    list(s, "duplicated records", duplicated);
    list(s, "unexpected", unexpected);
    list(s, "wrong", wrong);
    list(s, "noise", noise);
    s.append(passed() ? "ORACLE: PASS\n" : "ORACLE: FAIL\n");
    return s.toString();
  }

  private static void list(StringBuilder s, String title, List<String> items) {
    s.append(title).append(": ").append(items.size());
    items.stream().limit(20).forEach(i -> s.append("\n  ").append(i));
    if (items.size() > 20) {
      s.append("\n  …");
    }
    s.append('\n');
  }
}
