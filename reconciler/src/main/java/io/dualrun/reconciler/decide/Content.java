package io.dualrun.reconciler.decide;

import io.dualrun.inventory.OutputSpec;
import io.dualrun.reconciler.state.StoredOutput;
import io.dualrun.schemas.avro.Finding;
import io.dualrun.schemas.avro.FindingKind;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * CONTENT: the content hashes differ. When both sides sent column hashes made with the same key,
 * the finding names the columns that differ and those that agree (and, when exactly one differs,
 * sets {@code column} to it, so that a waiver of that column covers it); when both sent bucket
 * hashes with the same bucket count, the differing bucket numbers are listed. A difference confined
 * to the output's {@code ignoreColumns}, or to columns the baseline's own reruns showed
 * nondeterministic, as keyed column hashes show, is no finding. The finding carries the root-cause
 * hints ({@link Hints}) of the columns that differ — of every column, when the column hashes do not
 * tell which — in one text.
 */
final class Content {
  private Content() {}

  static void add(
      List<Finding> findings, OutputSpec rules, String name, StoredOutput b, StoredOutput c) {
    add(findings, rules, name, b, c, Hints.of(ZoneOffset.UTC, b, c, rules.ignoreColumns()));
  }

  static void add(
      List<Finding> findings,
      OutputSpec rules,
      String name,
      StoredOutput b,
      StoredOutput c,
      Hints hints) {
    List<Integer> buckets = differingBuckets(b, c);
    boolean hashesKnown = b.getContentHash() != null && c.getContentHash() != null;
    boolean differs =
        hashesKnown ? !b.getContentHash().equals(c.getContentHash()) : !buckets.isEmpty();
    if (!differs || ColumnComparison.onlyIgnoredDiffer(b, c, ignored(rules, b))) {
      return;
    }
    String where =
        buckets.isEmpty()
            ? ""
            : " (" + buckets.size() + " of " + b.getBucketHashes().size() + " buckets differ)";
    Optional<ColumnComparison> columns = ColumnComparison.of(b, c);
    String which =
        columns
            .map(cc -> ": " + cc.describe())
            .orElse(
                ColumnComparison.keyedDifferently(b, c)
                    ? " (column hashes not compared: the baseline's are keyed by "
                        + b.getHashKey()
                        + ", the candidate's by "
                        + c.getHashKey()
                        + ")"
                    : "");
    String single =
        columns
            .filter(cc -> cc.differing().size() == 1)
            .map(cc -> cc.differing().get(0))
            .orElse(null);
    Finding f =
        Findings.finding(
            FindingKind.CONTENT,
            name,
            single,
            b.getContentHash(),
            c.getContentHash(),
            "Output " + name + " has different content on the candidate" + which + where + ".");
    f.setBuckets(buckets);
    columns.ifPresent(
        cc -> {
          f.setDifferingColumns(new ArrayList<>(cc.differing()));
          f.setEqualColumns(new ArrayList<>(cc.equal()));
        });
    f.setHint(hints.text(columns.map(ColumnComparison::differing).orElseGet(hints::columns)));
    findings.add(f);
  }

  /**
   * The columns a difference may be confined to and still be no finding: the output's {@code
   * ignoreColumns}, and those the baseline's own reruns showed nondeterministic.
   */
  static Set<String> ignored(OutputSpec rules, StoredOutput baseline) {
    if (baseline.getRerunDiffers().isEmpty()) {
      return rules.ignoreColumns();
    }
    Set<String> out = new TreeSet<>(rules.ignoreColumns());
    out.addAll(baseline.getRerunDiffers());
    return out;
  }

  private static List<Integer> differingBuckets(StoredOutput b, StoredOutput c) {
    List<Integer> out = new ArrayList<>();
    List<String> bh = b.getBucketHashes();
    List<String> ch = c.getBucketHashes();
    if (bh.isEmpty() || bh.size() != ch.size()) {
      return out;
    }
    for (int i = 0; i < bh.size(); i++) {
      boolean sameHash = bh.get(i).equals(ch.get(i));
      boolean sameRows = Objects.equals(at(b.getBucketRows(), i), at(c.getBucketRows(), i));
      if (!sameHash || !sameRows) {
        out.add(i);
      }
    }
    return out;
  }

  private static Long at(List<Long> values, int i) {
    return i < values.size() ? values.get(i) : null;
  }
}
