package io.dualrun.loadtest.gen;

import java.time.LocalDate;

/**
 * The shape of a generated migration.
 *
 * @param seed everything random derives from it: the same scenario gives the same records
 * @param workflows number of workflows; every fourth one is scheduled
 * @param days daily partitions per workflow, starting at {@code firstDay}
 * @param firstDay the first partition
 * @param inputPartitions partitions of the input topics: boundary pairs are placed on each
 * @param faultRate share of pairs given a fault, beyond the one pair per fault kind always placed
 * @param noiseRate probability of each kind of harmless noise on a pair
 */
public record Scenario(
    long seed,
    int workflows,
    int days,
    LocalDate firstDay,
    int inputPartitions,
    double faultRate,
    double noiseRate) {

  public static final LocalDate FIRST_DAY = LocalDate.of(2026, 10, 1);

  public Scenario {
    if (workflows < 4) {
      throw new IllegalArgumentException(
          "workflows: at least 4 (one of every class), was " + workflows);
    }
    if (days < 1) {
      throw new IllegalArgumentException("days: at least 1, was " + days);
    }
    if (inputPartitions < 1) {
      throw new IllegalArgumentException("inputPartitions: at least 1, was " + inputPartitions);
    }
    if (faultRate < 0 || faultRate > 1 || noiseRate < 0 || noiseRate > 1) {
      throw new IllegalArgumentException("faultRate and noiseRate must be within [0, 1]");
    }
  }

  /** A small scenario for the suite: seconds to run. */
  public static Scenario smoke(long seed, int inputPartitions) {
    return new Scenario(seed, 8, 6, FIRST_DAY, inputPartitions, 0.25, 0.3);
  }

  public Scenario withSize(int workflows, int days) {
    return new Scenario(seed, workflows, days, firstDay, inputPartitions, faultRate, noiseRate);
  }

  public long pairs() {
    return (long) workflows * days;
  }
}
