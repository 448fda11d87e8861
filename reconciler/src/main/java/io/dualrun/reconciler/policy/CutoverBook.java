package io.dualrun.reconciler.policy;

import io.dualrun.schemas.avro.Cutover;
import java.util.Collection;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/** The workflows whose candidate is primary, as the reconciler knows them. */
@FunctionalInterface
public interface CutoverBook {
  /** No workflow has cut over. */
  CutoverBook NONE = workflow -> null;

  /** The cutover of {@code workflow}, or null while its baseline is primary. */
  Cutover of(String workflow);

  /**
   * Whether the pair {@code workflow/partition} is judged on the candidate alone: its workflow has
   * cut over and the partition is the cutover's first or a later one (in partition order).
   */
  default boolean alone(String workflow, String partition) {
    Cutover c = of(workflow);
    return c != null && partition.compareTo(c.getFromPartition()) >= 0;
  }

  /** A book of exactly {@code cutovers}. */
  static CutoverBook of(Collection<Cutover> cutovers) {
    Map<String, Cutover> byWorkflow =
        cutovers.stream().collect(Collectors.toMap(Cutover::getWorkflow, Function.identity()));
    return byWorkflow::get;
  }
}
