package io.dualrun.reconciler.policy;

import io.dualrun.schemas.avro.Waiver;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Collectors;

/** The waivers recorded for each workflow, as the reconciler knows them when it decides a pair. */
@FunctionalInterface
public interface WaiverBook {
  /** No waiver at all. */
  WaiverBook NONE = workflow -> List.of();

  /** The waivers of {@code workflow}, in id order (active or not: {@link WaiverRules} decides). */
  List<Waiver> of(String workflow);

  /** A book of exactly {@code waivers}. */
  static WaiverBook of(Collection<Waiver> waivers) {
    Map<String, List<Waiver>> byWorkflow =
        waivers.stream()
            .sorted(Comparator.comparing(Waiver::getId))
            .collect(
                Collectors.groupingBy(
                    Waiver::getWorkflow,
                    TreeMap::new,
                    Collectors.mapping(Function.identity(), Collectors.toUnmodifiableList())));
    return workflow -> byWorkflow.getOrDefault(workflow, List.of());
  }
}
