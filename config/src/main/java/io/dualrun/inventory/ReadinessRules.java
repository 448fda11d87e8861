package io.dualrun.inventory;

import java.time.LocalDate;
import java.util.List;
import java.util.OptionalDouble;
import java.util.Set;

/**
 * What cutover readiness asks of a workflow besides its last partitions matching.
 *
 * @param partitions how many last decided partitions must all MATCH
 * @param coverage kinds of calendar day a clean partition must have covered
 * @param holidays the days {@link Coverage#HOLIDAY} means
 * @param maxMismatchRate when present, the 95 % upper bound of the mismatch rate over every decided
 *     partition must be below it
 */
public record ReadinessRules(
    int partitions,
    Set<Coverage> coverage,
    List<LocalDate> holidays,
    OptionalDouble maxMismatchRate) {

  public static final ReadinessRules STANDARD =
      new ReadinessRules(14, Set.of(), List.of(), OptionalDouble.empty());

  public ReadinessRules {
    coverage = Set.copyOf(coverage);
    holidays = List.copyOf(holidays);
  }
}
