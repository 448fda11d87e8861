package io.dualrun.reconciler.state;

import io.dualrun.schemas.avro.RunStatus;
import io.dualrun.schemas.avro.Side;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * What one side of a pair amounts to, derived from its stored records of the winning attempt. The
 * derivation depends only on the set of records, never on their arrival order.
 *
 * @param side which side
 * @param attempt winning attempt
 * @param runId run id of the winning attempt
 * @param orchestrator orchestrator name ("unknown" when only fingerprints arrived)
 * @param status terminal status, or STARTED while not terminal
 * @param terminal whether a run-level SUCCEEDED/FAILED/SKIPPED arrived for the winning attempt
 * @param startTime earliest run-level STARTED, or null
 * @param endTime time of the terminal event, or null
 * @param failedTask task named by the failure, or null
 * @param error error message, or null
 * @param logUrl log link, or null
 * @param outputs fingerprints of the winning attempt by output name
 * @param activeSince earliest event time of any record of the winning attempt, or null
 * @param announced outputs the winning attempt's events announced it will fingerprint
 * @param reads datasets the winning attempt's events say the run read
 * @param jobVersion job version of the latest event of the winning attempt that reports one, or
 *     null
 */
public record SideView(
    Side side,
    int attempt,
    String runId,
    String orchestrator,
    RunStatus status,
    boolean terminal,
    Long startTime,
    Long endTime,
    String failedTask,
    String error,
    String logUrl,
    Map<String, StoredOutput> outputs,
    Long activeSince,
    Set<String> announced,
    Set<String> reads,
    String jobVersion) {

  private static final Comparator<StoredEvent> LATEST =
      Comparator.comparingLong(StoredEvent::getEventTime)
          .thenComparingInt(StoredEvent::getStatus)
          .thenComparing(StoredEvent::getEventId);

  /** The class of the sorted, unmodifiable output maps {@link #of} builds. */
  private static final Class<?> SORTED_VIEW =
      Collections.unmodifiableSortedMap(new TreeMap<>()).getClass();

  public SideView {
    // a map built by of() is already sorted and read-only: copied only when it came from elsewhere
    if (outputs.getClass() != SORTED_VIEW) {
      outputs = Collections.unmodifiableSortedMap(new TreeMap<>(outputs));
    }
  }

  public boolean succeeded() {
    return terminal && status == RunStatus.SUCCEEDED;
  }

  /** Done for SLA purposes: finished and not failed. */
  public boolean done() {
    return terminal && status != RunStatus.FAILED;
  }

  public Long durationMs() {
    return startTime != null && endTime != null && endTime >= startTime
        ? endTime - startTime
        : null;
  }

  /** The view of {@code state}, or null when the side has not been heard of. */
  public static SideView of(Side side, SideState state) {
    if (state == null) {
      return null;
    }
    StoredEvent terminalEvent = null;
    StoredEvent latestAny = null;
    StoredEvent failedTask = null;
    Long start = null;
    Set<String> announced = Set.of();
    Set<String> reads = Set.of();
    StoredEvent versioned = null;
    for (StoredEvent e : state.getEvents()) {
      latestAny = max(latestAny, e);
      if (e.getJobVersion() != null) {
        versioned = max(versioned, e);
      }
      if (!e.getExpectedOutputs().isEmpty()) {
        announced = union(announced, e.getExpectedOutputs());
      }
      if (!e.getInputs().isEmpty()) {
        reads = union(reads, e.getInputs());
      }
      if (e.getTask() != null) {
        if (e.getStatus() == RunStatus.FAILED.ordinal()) {
          failedTask = maxTask(failedTask, e);
        }
      } else if (e.getStatus() == RunStatus.STARTED.ordinal()) {
        start = start == null ? e.getEventTime() : Math.min(start, e.getEventTime());
      } else {
        terminalEvent = max(terminalEvent, e);
      }
    }
    StoredEvent main = terminalEvent != null ? terminalEvent : latestAny;
    RunStatus status =
        terminalEvent == null ? RunStatus.STARTED : RunStatus.values()[terminalEvent.getStatus()];
    StoredEvent blamed = status == RunStatus.FAILED ? failedTask : null;
    TreeMap<String, StoredOutput> outputs = new TreeMap<>();
    for (StoredOutput o : state.getOutputs()) {
      outputs.put(o.getOutput(), o);
    }
    return new SideView(
        side,
        state.getAttempt(),
        main != null ? main.getRunId() : attemptRunId(state),
        main != null ? main.getOrchestrator() : "unknown",
        status,
        terminalEvent != null,
        start,
        terminalEvent == null ? null : terminalEvent.getEventTime(),
        blamed == null ? null : blamed.getTask(),
        first(terminalEvent == null ? null : terminalEvent.getError(), blamed, true),
        first(main == null ? null : main.getLogUrl(), blamed, false),
        Collections.unmodifiableSortedMap(outputs),
        activeSince(state),
        announced,
        reads,
        versioned == null ? null : versioned.getJobVersion());
  }

  private static Set<String> union(Set<String> known, List<String> more) {
    TreeSet<String> all = new TreeSet<>(known);
    all.addAll(more);
    return Collections.unmodifiableSortedSet(all);
  }

  private static Long activeSince(SideState state) {
    Long since = null;
    for (StoredEvent e : state.getEvents()) {
      since = since == null ? e.getEventTime() : Math.min(since, e.getEventTime());
    }
    for (StoredOutput o : state.getOutputs()) {
      since = since == null ? o.getEventTime() : Math.min(since, o.getEventTime());
    }
    return since;
  }

  private static String first(String value, StoredEvent fallback, boolean error) {
    if (value != null || fallback == null) {
      return value;
    }
    return error ? fallback.getError() : fallback.getLogUrl();
  }

  private static String attemptRunId(SideState state) {
    return state.getAttempts().stream()
        .filter(a -> a.getAttempt() == state.getAttempt())
        .map(AttemptRef::getRunId)
        .findFirst()
        .orElse("unknown");
  }

  private static StoredEvent max(StoredEvent a, StoredEvent b) {
    return a == null || LATEST.compare(b, a) > 0 ? b : a;
  }

  private static StoredEvent maxTask(StoredEvent a, StoredEvent b) {
    if (a == null) {
      return b;
    }
    int byTime = Long.compare(b.getEventTime(), a.getEventTime());
    if (byTime != 0) {
      return byTime > 0 ? b : a;
    }
    return b.getTask().compareTo(a.getTask()) > 0 ? b : a;
  }
}
