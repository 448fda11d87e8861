package io.dualrun.inventory;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Whether two schedules produce the same partitions: both sides' cron expressions are expanded in
 * their own time zones over a horizon, each fire is cut to the partition it produces (in the
 * workflow's time zone, after the side's partition offset), and the two lists of partitions are
 * compared. What differs is said per partition (produced by one side only, or twice by one side — a
 * DST night), a constant shift between the sides is named as a partition offset mismatch, and fire
 * times that differ for a partition both sides produce are counted per difference (a side that
 * follows summer time and one that does not differ by an hour half of the year).
 */
public final class ScheduleParity {
  /** At most this many fires per side are expanded (an every-minute cron over 400 days is more). */
  static final int MAX_FIRES = 200_000;

  /** One side's schedule: its cron in its own time zone, and its partition offset. */
  public record SideSchedule(Schedule schedule, Duration partitionOffset) {}

  /** What kind of difference. */
  public enum Kind {
    ONLY_BASELINE,
    ONLY_CANDIDATE,
    BASELINE_TWICE,
    CANDIDATE_TWICE
  }

  /** One partition that differs. */
  public record Difference(Kind kind, String partition, String detail) {}

  /**
   * What the comparison found.
   *
   * @param partitions partitions either side produces in the horizon
   * @param differences per partition, in partition order
   * @param shift a constant shift explaining every one-sided partition ("candidate produces each
   *     partition 1 day later …"), or empty
   * @param fireTimeDeltas for partitions both sides produce once: how much later the candidate
   *     fires than the baseline, and for how many partitions
   */
  public record Report(
      int partitions,
      List<Difference> differences,
      Optional<String> shift,
      Map<Duration, Integer> fireTimeDeltas) {
    public boolean same() {
      return differences.isEmpty();
    }
  }

  private ScheduleParity() {}

  /**
   * The comparison of the two sides' schedules of {@code spec} (each side's own, or the
   * workflow's), or empty when either side has none.
   */
  public static Optional<Report> of(WorkflowSpec spec, Instant from, Duration horizon) {
    Optional<Schedule> b = spec.scheduleOf(io.dualrun.schemas.avro.Side.BASELINE);
    Optional<Schedule> c = spec.scheduleOf(io.dualrun.schemas.avro.Side.CANDIDATE);
    if (b.isEmpty() || c.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(
        compare(
            new SideSchedule(b.get(), b.get().partitionOffset()),
            new SideSchedule(c.get(), c.get().partitionOffset()),
            spec.zone(),
            spec.granularity(),
            from,
            horizon));
  }

  public static Report compare(
      SideSchedule baseline,
      SideSchedule candidate,
      ZoneId workflowZone,
      Granularity granularity,
      Instant from,
      Duration horizon) {
    Instant to = from.plus(horizon);
    TreeMap<String, List<Instant>> b = expand(baseline, workflowZone, granularity, from, to);
    TreeMap<String, List<Instant>> c = expand(candidate, workflowZone, granularity, from, to);
    List<Difference> differences = new ArrayList<>();
    TreeMap<String, Boolean> all = new TreeMap<>();
    b.keySet().forEach(p -> all.put(p, true));
    c.keySet().forEach(p -> all.put(p, true));
    TreeMap<Duration, Integer> deltas = new TreeMap<>();
    for (String p : all.keySet()) {
      List<Instant> bf = b.get(p);
      List<Instant> cf = c.get(p);
      if (bf == null) {
        differences.add(new Difference(Kind.ONLY_CANDIDATE, p, "fired at " + cf));
      } else if (cf == null) {
        differences.add(new Difference(Kind.ONLY_BASELINE, p, "fired at " + bf));
      } else {
        twice(Kind.BASELINE_TWICE, p, bf, differences);
        twice(Kind.CANDIDATE_TWICE, p, cf, differences);
        if (bf.size() == 1 && cf.size() == 1) {
          deltas.merge(Duration.between(bf.get(0), cf.get(0)), 1, Integer::sum);
        }
      }
    }
    return new Report(
        all.size(), List.copyOf(differences), shift(b, c, granularity), Map.copyOf(deltas));
  }

  private static void twice(Kind kind, String p, List<Instant> fires, List<Difference> out) {
    if (fires.size() > 1) {
      out.add(new Difference(kind, p, fires.size() + " fires: " + fires));
    }
  }

  /** Partition → fire times of {@code side} in [from, to). */
  static TreeMap<String, List<Instant>> expand(
      SideSchedule side, ZoneId workflowZone, Granularity granularity, Instant from, Instant to) {
    TreeMap<String, List<Instant>> out = new TreeMap<>();
    Instant after = from.minusMillis(1);
    for (int n = 0; n < MAX_FIRES; n++) {
      Optional<Instant> fire = side.schedule().nextFire(after);
      if (fire.isEmpty() || !fire.get().isBefore(to)) {
        break;
      }
      String partition =
          granularity.partition(fire.get().atZone(workflowZone).plus(side.partitionOffset()));
      out.computeIfAbsent(partition, k -> new ArrayList<>()).add(fire.get());
      after = fire.get();
    }
    return out;
  }

  /**
   * When the candidate's partitions are the baseline's moved by a whole number of fires (the same
   * rhythm, another offset), says by how much; empty otherwise.
   */
  private static Optional<String> shift(
      TreeMap<String, List<Instant>> b, TreeMap<String, List<Instant>> c, Granularity g) {
    if (b.isEmpty() || c.isEmpty() || b.keySet().equals(c.keySet())) {
      return Optional.empty();
    }
    List<String> bp = new ArrayList<>(b.keySet());
    List<String> cp = new ArrayList<>(c.keySet());
    for (int k = 1; k <= 3; k++) {
      String by = k + " " + unit(g, k);
      if (shiftedBy(bp, cp, k)) {
        return Optional.of(
            "for the same run the candidate names a partition "
                + by
                + " later than the baseline (their partition offsets differ by "
                + by
                + ")");
      }
      if (shiftedBy(cp, bp, k)) {
        return Optional.of(
            "for the same run the candidate names a partition "
                + by
                + " earlier than the baseline (their partition offsets differ by "
                + by
                + ")");
      }
    }
    return Optional.empty();
  }

  /** Whether {@code later}'s i-th partition is {@code earlier}'s (i+k)-th, for their overlap. */
  private static boolean shiftedBy(List<String> earlier, List<String> later, int k) {
    int overlap = Math.min(earlier.size() - k, later.size());
    if (overlap < 3) {
      return false;
    }
    for (int i = 0; i < overlap; i++) {
      if (!earlier.get(i + k).equals(later.get(i))) {
        return false;
      }
    }
    return true;
  }

  private static String unit(Granularity g, int k) {
    String u = g.name().toLowerCase(java.util.Locale.ROOT);
    return k == 1 ? u : u + "s";
  }
}
