package io.dualrun.inventory;

import io.dualrun.schemas.avro.Side;
import java.time.Duration;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;

/**
 * One workflow of the inventory, or the default rules applied to a workflow the inventory does not
 * know ({@link #inventoried()} false).
 *
 * @param id canonical workflow id
 * @param owner team that owns it (routes alerts), null when uninventoried
 * @param tier 1 (most critical) to 4
 * @param zone time zone of native times and of the schedule
 * @param granularity partition granularity
 * @param schedule when it runs, or null when not scheduled (no SLA_MISSED)
 * @param sla how long after a scheduled fire each side must be done
 * @param grace how long after one side succeeded the other may still finish
 * @param settle how long after the later terminal event a pair is decided with what it has
 * @param fingerprintTimeout how long after the later terminal event a pair waits at most for an
 *     expected fingerprint (declared, announced, or sent by the other side)
 * @param durationRatio candidate slower than ratio × baseline is a DURATION finding
 * @param durationMinDifference ... and slower by at least this much (short jobs vary)
 * @param baseline native ids of the baseline side, or null
 * @param candidate native ids of the candidate side, or null
 * @param outputs declared outputs
 * @param inputs names of the datasets it reads (other workflows' outputs, or sources)
 * @param readiness what cutover readiness asks (last partitions, calendar coverage, mismatch rate)
 * @param inventoried whether the inventory declares this workflow
 * @param line line of the declaration in workflows.yaml (0 when uninventoried)
 */
public record WorkflowSpec(
    String id,
    String owner,
    int tier,
    ZoneId zone,
    Granularity granularity,
    Schedule schedule,
    Duration sla,
    Duration grace,
    Duration settle,
    Duration fingerprintTimeout,
    double durationRatio,
    Duration durationMinDifference,
    SideMapping baseline,
    SideMapping candidate,
    List<OutputSpec> outputs,
    List<String> inputs,
    ReadinessRules readiness,
    boolean inventoried,
    int line) {

  public WorkflowSpec {
    outputs = List.copyOf(outputs);
    inputs = List.copyOf(inputs);
  }

  /** How many last decided partitions must all MATCH for cutover readiness. */
  public int readinessPartitions() {
    return readiness.partitions();
  }

  public Optional<Schedule> scheduleIfAny() {
    return Optional.ofNullable(schedule);
  }

  /** The schedule {@code side} runs on: its own when it declares one, else the workflow's. */
  public Optional<Schedule> scheduleOf(Side side) {
    return mapping(side).map(SideMapping::schedule).or(this::scheduleIfAny);
  }

  public Optional<SideMapping> mapping(Side side) {
    return Optional.ofNullable(side == Side.BASELINE ? baseline : candidate);
  }

  /** The declared output of that name, or the default exact rules for an undeclared one. */
  public OutputSpec output(String name) {
    return outputs.stream()
        .filter(o -> o.name().equals(name))
        .findFirst()
        .orElse(OutputSpec.exact(name));
  }

  public boolean declares(String output) {
    return outputs.stream().anyMatch(o -> o.name().equals(output));
  }
}
