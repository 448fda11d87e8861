package io.dualrun.loadtest.oracle;

import io.dualrun.loadtest.gen.GroundTruth;
import io.dualrun.schemas.avro.BreachKind;
import io.dualrun.schemas.avro.FindingKind;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/** Compares what was observed with the ground truth, kind by kind. */
final class Scoring {
  private Scoring() {}

  static OracleReport score(
      GroundTruth truth, Observed seen, List<AlertReceiver.Delivery> deliveries) {
    List<KindScore> scores = new ArrayList<>();
    List<String> lost = new ArrayList<>();
    List<String> unexpected = new ArrayList<>();
    List<String> wrong = new ArrayList<>();
    List<String> noise = new ArrayList<>();
    findings(truth, seen, scores, lost, unexpected, wrong, noise);
    breaches(truth, seen, scores, unexpected, wrong, noise);
    alerts(truth, deliveries, scores, wrong, noise);
    return new OracleReport(
        scores,
        lost,
        List.copyOf(seen.duplicated),
        unexpected,
        wrong,
        noise,
        seen.verdicts,
        seen.breaches,
        deliveries.size());
  }

  private static void findings(
      GroundTruth truth,
      Observed seen,
      List<KindScore> scores,
      List<String> lost,
      List<String> unexpected,
      List<String> wrong,
      List<String> noise) {
    for (String key : new TreeSet<>(seen.pairs.keySet())) {
      if (!truth.pairs().containsKey(key)) {
        unexpected.add("verdict for unknown pair " + key);
      }
    }
    for (FindingKind kind : FindingKind.values()) {
      int tp = 0;
      int fp = 0;
      int fn = 0;
      for (GroundTruth.ExpectedPair p : truth.pairs().values()) {
        Observed.PairVerdicts v = seen.pairs.get(p.key());
        boolean expected = p.kinds().contains(kind);
        boolean actual = v != null && v.kinds.contains(kind);
        tp += expected && actual ? 1 : 0;
        if (!expected && actual) {
          fp++;
          noise.add(p.key() + ": finding " + kind + " in a revision, expected " + p.kinds());
        }
        fn += expected && !actual ? 1 : 0;
      }
      scores.add(new KindScore("finding", kind.name(), tp, fp, fn));
    }
    for (GroundTruth.ExpectedPair p : truth.pairs().values()) {
      Observed.PairVerdicts v = seen.pairs.get(p.key());
      if (v == null) {
        lost.add(p.key() + " (expected " + p.outcome() + " " + p.kinds() + ")");
      } else if (v.lastOutcome != p.outcome()) {
        wrong.add(
            p.key()
                + ": final outcome "
                + v.lastOutcome
                + ", expected "
                + p.outcome()
                + " "
                + p.kinds()
                + ", seen kinds "
                + v.kinds);
      }
    }
  }

  private static void breaches(
      GroundTruth truth,
      Observed seen,
      List<KindScore> scores,
      List<String> unexpected,
      List<String> wrong,
      List<String> noise) {
    for (BreachKind kind : BreachKind.values()) {
      String suffix = "/" + kind.name() + "/";
      int tp = 0;
      int fn = 0;
      Set<String> expectedIds = new HashSet<>();
      for (GroundTruth.ExpectedBreach b : truth.breaches().values()) {
        if (b.kind() != kind) {
          continue;
        }
        expectedIds.add(b.breachId());
        boolean opened = seen.opened.contains(b.breachId());
        tp += opened ? 1 : 0;
        fn += opened ? 0 : 1;
        if (opened && b.closes() != seen.closed.contains(b.breachId())) {
          wrong.add(
              "breach "
                  + b.breachId()
                  + (b.closes() ? " never closed" : " closed but the late side never arrived"));
        }
      }
      int fp = 0;
      for (String id : seen.opened) {
        if (id.contains(suffix) && !expectedIds.contains(id)) {
          fp++;
          if (seen.closed.contains(id)) {
            noise.add("breach " + id + " opened and closed again");
          } else {
            unexpected.add("breach " + id + " opened");
          }
        }
      }
      scores.add(new KindScore("breach", kind.name(), tp, fp, fn));
    }
  }

  private static void alerts(
      GroundTruth truth,
      List<AlertReceiver.Delivery> deliveries,
      List<KindScore> scores,
      List<String> wrong,
      List<String> noise) {
    Map<String, Set<String>> required = truth.requiredAlerts();
    Set<String> allowed = truth.allowedAlerts();
    Map<String, Set<String>> firing = new HashMap<>();
    for (AlertReceiver.Delivery d : deliveries) {
      if (d.firing()) {
        firing.computeIfAbsent(d.alertId(), x -> new TreeSet<>()).addAll(d.partitions());
      }
    }
    Map<String, int[]> byKind = new HashMap<>();
    for (String id : required.keySet()) {
      int[] c = byKind.computeIfAbsent(kindOf(id), x -> new int[3]);
      if (firing.containsKey(id)) {
        c[0]++;
      } else {
        c[2]++;
      }
    }
    for (String id : firing.keySet()) {
      if (!allowed.contains(id)) {
        byKind.computeIfAbsent(kindOf(id), x -> new int[3])[1]++;
      }
      Set<String> expected = required.get(id);
      if (expected != null && !expected.isEmpty() && !firing.get(id).equals(expected)) {
        (firing.get(id).containsAll(expected) ? noise : wrong)
            .add("alert " + id + " named partitions " + firing.get(id) + ", expected " + expected);
      }
    }
    new TreeSet<>(byKind.keySet())
        .forEach(
            k ->
                scores.add(
                    new KindScore(
                        "alert", k, byKind.get(k)[0], byKind.get(k)[1], byKind.get(k)[2])));
  }

  private static String kindOf(String alertId) {
    return alertId.substring(alertId.lastIndexOf('/') + 1);
  }
}
