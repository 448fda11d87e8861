package io.dualrun.hooks.discover;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.apache.commons.text.similarity.JaroWinklerSimilarity;

/**
 * Pairs each baseline job with the candidate job of the most similar name: names are compared
 * normalised (lower case, script extensions and scheduler words such as {@code dag}, {@code flow},
 * {@code job} dropped, separators unified) by Jaro-Winkler similarity; pairs are taken best first,
 * each job in one pair at most, and only above {@link #THRESHOLD}. What is left on either side is
 * returned unmatched.
 */
public final class JobMatcher {
  /** Below this similarity two names are not taken for the same workflow. */
  public static final double THRESHOLD = 0.88;

  private static final Set<String> NOISE =
      Set.of("dag", "dags", "flow", "job", "jobs", "task", "cron", "etl", "v1", "v2", "new", "old");
  private static final JaroWinklerSimilarity SIMILARITY = new JaroWinklerSimilarity();

  /** A baseline and a candidate job taken for one workflow, with the similarity of their names. */
  public record Match(DiscoveredJob baseline, DiscoveredJob candidate, double similarity) {}

  /** Matches, then unmatched baseline jobs, then unmatched candidate jobs. */
  public record Result(
      List<Match> matches, List<DiscoveredJob> baselineOnly, List<DiscoveredJob> candidateOnly) {}

  private JobMatcher() {}

  public static Result match(List<DiscoveredJob> baseline, List<DiscoveredJob> candidate) {
    List<Match> scored = new ArrayList<>();
    for (DiscoveredJob b : baseline) {
      for (DiscoveredJob c : candidate) {
        double s = similarity(b.name(), c.name());
        if (s >= THRESHOLD) {
          scored.add(new Match(b, c, s));
        }
      }
    }
    scored.sort(
        Comparator.comparingDouble(Match::similarity)
            .reversed()
            .thenComparing(m -> m.baseline().job())
            .thenComparing(m -> m.candidate().job()));
    Set<DiscoveredJob> taken = new HashSet<>();
    List<Match> matches = new ArrayList<>();
    for (Match m : scored) {
      if (!taken.contains(m.baseline()) && !taken.contains(m.candidate())) {
        matches.add(m);
        taken.add(m.baseline());
        taken.add(m.candidate());
      }
    }
    matches.sort(Comparator.comparing(m -> m.baseline().job()));
    return new Result(
        matches,
        baseline.stream().filter(j -> !taken.contains(j)).toList(),
        candidate.stream().filter(j -> !taken.contains(j)).toList());
  }

  static double similarity(String a, String b) {
    return SIMILARITY.apply(normalise(a), normalise(b));
  }

  /** {@code /opt/jobs/Revenue-Daily_v2.sh} → {@code revenue_daily}. */
  static String normalise(String name) {
    String n = name.toLowerCase(Locale.ROOT);
    int slash = n.lastIndexOf('/');
    n = slash >= 0 ? n.substring(slash + 1) : n;
    n = n.replaceAll("\\.(sh|bash|ksh|py|pl|rb|sql|jar|r|php|ya?ml)$", "");
    List<String> words = new ArrayList<>();
    for (String w : n.split("[^a-z0-9]+")) {
      if (!w.isEmpty() && !NOISE.contains(w)) {
        words.add(w);
      }
    }
    return String.join("_", words);
  }
}
