package io.dualrun.loadtest.oracle;

import io.dualrun.schemas.avro.BreachState;
import io.dualrun.schemas.avro.Finding;
import io.dualrun.schemas.avro.FindingKind;
import io.dualrun.schemas.avro.FreshnessBreach;
import io.dualrun.schemas.avro.Outcome;
import io.dualrun.schemas.avro.Verdict;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** What the pipeline said: verdict revisions per pair, breach records, duplicates. */
final class Observed {
  /** A pair's verdicts: the final revision and the union of kinds over every revision. */
  static final class PairVerdicts {
    int lastRevision;
    Outcome lastOutcome;
    final Set<FindingKind> kinds = EnumSet.noneOf(FindingKind.class);
  }

  final Map<String, PairVerdicts> pairs = new HashMap<>();
  final Set<String> opened = new HashSet<>();
  final Set<String> closed = new HashSet<>();
  final List<String> duplicated = new ArrayList<>();
  private final Set<String> seenVerdicts = new HashSet<>();
  private final Set<String> seenBreaches = new HashSet<>();
  int verdicts;
  int breaches;

  void verdict(Verdict v) {
    verdicts++;
    String key = v.getWorkflow() + "/" + v.getPartition();
    if (!seenVerdicts.add(key + "#" + v.getRevision())) {
      duplicated.add("verdict " + key + " revision " + v.getRevision());
      return;
    }
    PairVerdicts p = pairs.computeIfAbsent(key, k -> new PairVerdicts());
    for (Finding f : v.getFindings()) {
      p.kinds.add(f.getKind());
    }
    if (v.getRevision() > p.lastRevision) {
      p.lastRevision = v.getRevision();
      p.lastOutcome = v.getOutcome();
    }
  }

  void breach(FreshnessBreach b) {
    breaches++;
    String id = b.getBreachId() + "#" + b.getState();
    if (!seenBreaches.add(id)) {
      duplicated.add("breach " + id);
      return;
    }
    (b.getState() == BreachState.OPEN ? opened : closed).add(b.getBreachId());
  }
}
