package io.dualrun.inventory;

import io.dualrun.schemas.avro.Side;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The validated workflow inventory ({@code workflows.yaml}). Immutable. Workflows it does not
 * declare still get rules: {@link #rules(String)} returns the defaults, marked uninventoried.
 */
public final class Inventory {
  private final String source;
  private final Defaults defaults;
  private final Map<String, WorkflowSpec> workflows;

  public Inventory(String source, Defaults defaults, Collection<WorkflowSpec> workflows) {
    this.source = source;
    this.defaults = defaults;
    Map<String, WorkflowSpec> byId = new LinkedHashMap<>();
    workflows.forEach(w -> byId.put(w.id(), w));
    this.workflows = Map.copyOf(byId);
  }

  /** An inventory that declares nothing: every workflow gets the standard defaults. */
  public static Inventory empty() {
    return new Inventory("(none)", Defaults.STANDARD, List.of());
  }

  public String source() {
    return source;
  }

  public Defaults defaults() {
    return defaults;
  }

  public Optional<WorkflowSpec> workflow(String id) {
    return Optional.ofNullable(workflows.get(id));
  }

  /** Every declared workflow, sorted by id. */
  public List<WorkflowSpec> workflows() {
    List<WorkflowSpec> all = new ArrayList<>(workflows.values());
    all.sort((a, b) -> a.id().compareTo(b.id()));
    return all;
  }

  /** The declared rules of {@code id}, or the defaults marked uninventoried. */
  public WorkflowSpec rules(String id) {
    WorkflowSpec declared = workflows.get(id);
    if (declared != null) {
      return declared;
    }
    return new WorkflowSpec(
        id,
        null,
        defaults.tier(),
        defaults.zone(),
        defaults.granularity(),
        null,
        defaults.sla(),
        defaults.grace(),
        defaults.settle(),
        defaults.fingerprintTimeout(),
        defaults.durationRatio(),
        defaults.durationMinDifference(),
        null,
        null,
        List.of(),
        List.of(),
        defaults.readiness(),
        false,
        0);
  }

  /**
   * Resolves a native (orchestrator, job) to a workflow and side. Orchestrator names compare case
   * insensitively; a mapping without a namespace matches any namespace.
   */
  public Optional<NativeRef> resolve(String orchestrator, String namespace, String job) {
    for (WorkflowSpec w : workflows()) {
      for (Side side : Side.values()) {
        Optional<SideMapping> m = w.mapping(side);
        if (m.isPresent() && matches(m.get(), orchestrator, namespace, job)) {
          return Optional.of(new NativeRef(w, side, m.get()));
        }
      }
    }
    return Optional.empty();
  }

  private static boolean matches(SideMapping m, String orchestrator, String namespace, String job) {
    boolean sameOrchestrator =
        orchestrator == null
            || m.orchestrator()
                .toLowerCase(Locale.ROOT)
                .equals(orchestrator.toLowerCase(Locale.ROOT));
    boolean sameNamespace = m.namespace() == null || m.namespace().equals(namespace);
    return sameOrchestrator && sameNamespace && m.job().equals(job);
  }
}
