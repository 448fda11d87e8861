package io.dualrun.reconciler.decide;

import io.dualrun.inventory.WorkflowSpec;
import io.dualrun.reconciler.state.SideView;
import io.dualrun.reconciler.state.StoredOutput;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Per output whose content differs between the sides, the columns whose hashes differ: what a
 * CONTENT finding names in {@code differingColumns}, for the list endpoints and the noise
 * suggestions, without decoding the verdict.
 */
public final class DifferingColumns {
  private DifferingColumns() {}

  public static Map<String, List<String>> of(WorkflowSpec spec, SideView b, SideView c) {
    Map<String, List<String>> out = new TreeMap<>();
    if (b == null || c == null) {
      return out;
    }
    b.outputs()
        .forEach(
            (name, baseline) -> {
              StoredOutput candidate = c.outputs().get(name);
              if (candidate != null && contentDiffers(baseline, candidate)) {
                ColumnComparison.of(baseline, candidate)
                    .filter(cc -> !cc.differing().isEmpty())
                    .filter(
                        cc ->
                            !ColumnComparison.onlyIgnoredDiffer(
                                baseline, candidate, Content.ignored(spec.output(name), baseline)))
                    .ifPresent(cc -> out.put(name, List.copyOf(cc.differing())));
              }
            });
    return out;
  }

  private static boolean contentDiffers(StoredOutput b, StoredOutput c) {
    return b.getContentHash() != null
        && c.getContentHash() != null
        && !b.getContentHash().equals(c.getContentHash());
  }
}
