package io.dualrun.reconciler.decide;

import io.dualrun.reconciler.decide.Hint.Kind;
import io.dualrun.reconciler.decide.Hint.Rule;
import io.dualrun.schemas.ColumnKind;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;

/**
 * Hints of a timestamp column (canonical text {@code 2026-11-20T07:05:00.000000Z}, both sides' min
 * and max): truncated to milliseconds or seconds on one side, or shifted by a time-zone offset.
 */
final class TimeHints {
  /** Offsets a time zone can have: whole quarters of an hour, at most 14 hours either way. */
  private static final long QUARTER = 15 * 60;

  private static final long MAX_OFFSET = 14 * 3600;

  private TimeHints() {}

  static Optional<Hint> of(StatPair p, ZoneId zone) {
    if (!p.typed(ColumnKind.TIMESTAMP) || !p.sameNulls()) {
      return Optional.empty();
    }
    Instant bMin = instant(p.baseline().getMin());
    Instant bMax = instant(p.baseline().getMax());
    Instant cMin = instant(p.candidate().getMin());
    Instant cMax = instant(p.candidate().getMax());
    if (bMin == null || bMax == null || cMin == null || cMax == null) {
      return Optional.empty();
    }
    return truncation(p, bMin, bMax, cMin, cMax).or(() -> shift(p, zone, bMin, bMax, cMin, cMax));
  }

  private static Instant instant(String text) {
    if (text == null || text.length() != 27 || !text.endsWith("Z")) {
      return null;
    }
    try {
      return Instant.parse(text);
    } catch (DateTimeException e) {
      return null;
    }
  }

  /** One side's min and max are the other's truncated to milliseconds, or else to seconds. */
  private static Optional<Hint> truncation(
      StatPair p, Instant bMin, Instant bMax, Instant cMin, Instant cMax) {
    for (ChronoUnit unit : List.of(ChronoUnit.MILLIS, ChronoUnit.SECONDS)) {
      String label = unit == ChronoUnit.MILLIS ? "ms" : "s";
      String words = unit == ChronoUnit.MILLIS ? "milliseconds" : "seconds";
      if (cMin.equals(bMin.truncatedTo(unit)) && cMax.equals(bMax.truncatedTo(unit))) {
        return Optional.of(
            new Hint(
                p.column(),
                Kind.TRUNCATION,
                "min and max on the candidate are the baseline's truncated to "
                    + words
                    + ": "
                    + Evidence.minMax(p),
                List.of(Rule.precision(label))));
      }
      if (bMin.equals(cMin.truncatedTo(unit)) && bMax.equals(cMax.truncatedTo(unit))) {
        return Optional.of(
            new Hint(
                p.column(),
                Kind.TRUNCATION,
                "min and max on the baseline are the candidate's truncated to "
                    + words
                    + ": "
                    + Evidence.minMaxNamed(p),
                List.of(Rule.precision(label))));
      }
    }
    return Optional.empty();
  }

  /**
   * Min and max shifted by a time-zone offset. A naive local time read as UTC (docs/fingerprint.md:
   * timestamps without a zone are taken as UTC wall-clock) is the true instant plus the zone's
   * offset: the workflow's zone is named when its offsets at those instants are the shifts, the
   * candidate's being the naive side (shift = offset) or the baseline's (shift = -offset), so a
   * change of daylight saving time between min and max is recognised too; otherwise a constant
   * shift that is a whole offset is named as that offset, for a naive candidate.
   */
  private static Optional<Hint> shift(
      StatPair p, ZoneId zone, Instant bMin, Instant bMax, Instant cMin, Instant cMax) {
    long dMin = Duration.between(bMin, cMin).getSeconds();
    long dMax = Duration.between(bMax, cMax).getSeconds();
    boolean whole =
        bMin.getNano() == cMin.getNano() && bMax.getNano() == cMax.getNano() && dMin != 0;
    if (!whole || dMax == 0 || Long.signum(dMin) != Long.signum(dMax)) {
      return Optional.empty();
    }
    String moved = moved(dMin, dMax);
    if (offset(zone, bMin) == dMin && offset(zone, bMax) == dMax) {
      return Optional.of(zoned(p, zone, moved, "candidate", dMin, dMax));
    }
    if (offset(zone, cMin) == -dMin && offset(zone, cMax) == -dMax) {
      return Optional.of(zoned(p, zone, moved, "baseline", -dMin, -dMax));
    }
    if (dMin != dMax || dMin % QUARTER != 0 || Math.abs(dMin) > MAX_OFFSET) {
      return Optional.empty();
    }
    ZoneOffset candidateNaive = ZoneOffset.ofTotalSeconds((int) dMin);
    ZoneOffset baselineNaive = ZoneOffset.ofTotalSeconds((int) -dMin);
    return Optional.of(
        new Hint(
            p.column(),
            Kind.TIME_SHIFT,
            moved
                + ": "
                + Evidence.minMax(p)
                + "; the candidate's timestamps look like local times at UTC"
                + candidateNaive.getId()
                + " written without a zone (or the baseline's, at UTC"
                + baselineNaive.getId()
                + ")",
            List.of(Rule.timezone(candidateNaive.getId()))));
  }

  private static Hint zoned(
      StatPair p, ZoneId zone, String moved, String naiveSide, long oMin, long oMax) {
    String ahead =
        oMin == oMax
            ? duration(oMin) + (oMin > 0 ? " ahead of" : " behind")
            : duration(oMin) + " and " + duration(oMax) + (oMin > 0 ? " ahead of" : " behind");
    return new Hint(
        p.column(),
        Kind.TIME_SHIFT,
        moved
            + ": "
            + Evidence.minMax(p)
            + "; "
            + zone.getId()
            + " is "
            + ahead
            + " UTC at those times: the "
            + naiveSide
            + "'s timestamps look like local times of "
            + zone.getId()
            + " written without a zone",
        List.of(Rule.timezone(zone.getId())));
  }

  /** "min and max are both 1 h later on the candidate", "min is 2 h and max 1 h earlier …". */
  private static String moved(long dMin, long dMax) {
    String way = dMin > 0 ? " later" : " earlier";
    if (dMin == dMax) {
      return "min and max are both " + duration(dMin) + way + " on the candidate";
    }
    return "min is " + duration(dMin) + " and max " + duration(dMax) + way + " on the candidate";
  }

  private static long offset(ZoneId zone, Instant at) {
    return zone.getRules().getOffset(at).getTotalSeconds();
  }

  /** "1 h", "30 min", "5 h 45 min", "12 s" (sign dropped). */
  static String duration(long seconds) {
    long s = Math.abs(seconds);
    long h = s / 3600;
    long m = s % 3600 / 60;
    long rest = s % 60;
    StringBuilder b = new StringBuilder();
    if (h > 0) {
      b.append(h).append(" h");
    }
    if (m > 0) {
      b.append(b.length() > 0 ? " " : "").append(m).append(" min");
    }
    if (rest > 0 || b.length() == 0) {
      b.append(b.length() > 0 ? " " : "").append(rest).append(" s");
    }
    return b.toString();
  }
}
