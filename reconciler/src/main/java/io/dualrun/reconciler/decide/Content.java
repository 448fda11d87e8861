package io.dualrun.reconciler.decide;

import io.dualrun.reconciler.state.StoredOutput;
import io.dualrun.schemas.avro.Finding;
import io.dualrun.schemas.avro.FindingKind;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * CONTENT: the content hashes differ. When both sides sent bucket hashes with the same bucket
 * count, the differing bucket numbers are listed.
 */
final class Content {
  private Content() {}

  static void add(List<Finding> findings, String name, StoredOutput b, StoredOutput c) {
    List<Integer> buckets = differingBuckets(b, c);
    boolean hashesKnown = b.getContentHash() != null && c.getContentHash() != null;
    boolean differs =
        hashesKnown ? !b.getContentHash().equals(c.getContentHash()) : !buckets.isEmpty();
    if (!differs) {
      return;
    }
    String where =
        buckets.isEmpty()
            ? ""
            : " (" + buckets.size() + " of " + b.getBucketHashes().size() + " buckets differ)";
    Finding f =
        Findings.finding(
            FindingKind.CONTENT,
            name,
            null,
            b.getContentHash(),
            c.getContentHash(),
            "Output " + name + " has different content on the candidate" + where + ".");
    f.setBuckets(buckets);
    findings.add(f);
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
