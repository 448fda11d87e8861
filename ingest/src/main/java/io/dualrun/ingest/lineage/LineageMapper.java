package io.dualrun.ingest.lineage;

import com.fasterxml.jackson.databind.JsonNode;
import io.dualrun.ingest.parse.EventIds;
import io.dualrun.ingest.parse.Parsed;
import io.dualrun.ingest.sink.Outgoing;
import io.dualrun.inventory.Inventory;
import io.dualrun.inventory.NativeRef;
import io.dualrun.schemas.avro.OutputFingerprint;
import io.dualrun.schemas.avro.RunEvent;
import io.dualrun.schemas.avro.RunStatus;
import io.dualrun.schemas.json.FieldError;
import io.dualrun.schemas.json.RecordRules;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Maps one OpenLineage RunEvent (as Airflow's OpenLineage provider, dbt and Spark send it) to run
 * events and fingerprints. The job, or else its parent or root job (task-level events), is resolved
 * through the inventory; an event whose jobs the inventory does not map becomes a dead letter with
 * the reason, so it can be replayed once the inventory is fixed.
 */
public final class LineageMapper {
  /** Where dead letters of this endpoint say they came from. */
  public static final String SOURCE = io.dualrun.schemas.topic.DlqHeaders.LINEAGE_SOURCE;

  private final Inventory inventory;

  public LineageMapper(Inventory inventory) {
    this.inventory = inventory;
  }

  /**
   * The records one OpenLineage event stands for, or every bad field when the event is not a valid
   * RunEvent.
   */
  public Parsed<LineageResult> map(JsonNode event) {
    return LineageEvent.read(event).flatMap(e -> map(e, event));
  }

  private Parsed<LineageResult> map(LineageEvent e, JsonNode event) {
    Optional<Mapped> mapped = resolve(e);
    if (mapped.isEmpty()) {
      byte[] key = (e.namespace() + "/" + e.name()).getBytes(StandardCharsets.UTF_8);
      byte[] body = event.toString().getBytes(StandardCharsets.UTF_8);
      return Parsed.ok(
          LineageResult.unmapped(new Outgoing.DeadLetter(key, body, unmappedReason(e), SOURCE)));
    }
    return build(e, mapped.get());
  }

  private Parsed<LineageResult> build(LineageEvent e, Mapped m) {
    Instant logical = e.nominalStartTime() != null ? e.nominalStartTime() : e.eventTime();
    String partition =
        m.ref()
            .mapping()
            .partition(logical, m.ref().workflow().zone(), m.ref().workflow().granularity());
    List<Outgoing> records = new ArrayList<>();
    List<FieldError> errors = new ArrayList<>();
    RunStatus status = e.status();
    if (status != null) {
      RunEvent run = runEvent(e, m, partition, status);
      errors.addAll(RecordRules.check(run));
      records.add(new Outgoing.Event(run));
    }
    if (status == RunStatus.SUCCEEDED) {
      for (LineageEvent.Output output : e.outputs()) {
        if (output.rowCount() != null) {
          OutputFingerprint f = fingerprint(e, m, partition, output);
          RecordRules.check(f).forEach(err -> errors.add(err.prefixed("outputs")));
          records.add(new Outgoing.Fingerprint(f));
        }
      }
    }
    if (!errors.isEmpty()) {
      return new Parsed.Invalid<>(errors);
    }
    return Parsed.ok(LineageResult.mapped(records));
  }

  private static RunEvent runEvent(LineageEvent e, Mapped m, String partition, RunStatus status) {
    Map<String, String> attributes = new LinkedHashMap<>();
    attributes.put("openlineage.runId", e.runId());
    attributes.put("openlineage.job", e.namespace() + "/" + e.name());
    attributes.put("openlineage.eventType", e.eventType());
    if (e.producer() != null) {
      attributes.put("openlineage.producer", e.producer());
    }
    RunEvent run =
        RunEvent.newBuilder()
            .setEventId("pending")
            .setWorkflow(m.ref().workflow().id())
            .setPartition(partition)
            .setSide(m.ref().side())
            .setOrchestrator(m.ref().mapping().orchestrator())
            .setRunId(m.runId())
            .setAttempt(e.attempt())
            .setStatus(status)
            .setEventTime(e.eventTime())
            .setTask(m.task())
            .setError(e.error())
            .setLogUrl(e.logUrl())
            .setAttributes(attributes)
            .setExpectedOutputs(announced(e, status))
            .setInputs(e.inputs())
            .setJobVersion(e.jobVersion())
            .build();
    run.setEventId(EventIds.derive(run));
    return run;
  }

  /**
   * A COMPLETE event announces its output datasets: the pair waits for their fingerprints (those
   * with statistics come with the event itself).
   */
  private static List<String> announced(LineageEvent e, RunStatus status) {
    if (status != RunStatus.SUCCEEDED || e.outputs().isEmpty()) {
      return List.of();
    }
    return e.outputs().stream().map(LineageEvent.Output::name).distinct().toList();
  }

  private static OutputFingerprint fingerprint(
      LineageEvent e, Mapped m, String partition, LineageEvent.Output output) {
    OutputFingerprint f =
        OutputFingerprint.newBuilder()
            .setEventId("pending")
            .setWorkflow(m.ref().workflow().id())
            .setPartition(partition)
            .setSide(m.ref().side())
            .setRunId(m.runId())
            .setAttempt(e.attempt())
            .setOutput(output.name())
            .setEventTime(e.eventTime())
            .setRowCount(output.rowCount())
            .setContentHash(null)
            .setSchema$(output.schema())
            .setColumns(List.of())
            .setBuckets(null)
            .build();
    f.setEventId(EventIds.derive(f));
    return f;
  }

  private Optional<Mapped> resolve(LineageEvent e) {
    Optional<NativeRef> self = inventory.resolve(null, e.namespace(), e.name());
    if (self.isPresent()) {
      return Optional.of(new Mapped(self.get(), e.runId(), null));
    }
    for (LineageEvent.JobRef up : e.ancestors()) {
      Optional<NativeRef> ref = inventory.resolve(null, up.namespace(), up.name());
      if (ref.isPresent()) {
        return Optional.of(new Mapped(ref.get(), up.runId(), taskName(e.name(), up.name())));
      }
    }
    return Optional.empty();
  }

  /** Airflow names task jobs {@code dag_id.task_id}; the task is what follows the parent's name. */
  static String taskName(String job, String parentJob) {
    String prefix = parentJob + ".";
    return job.startsWith(prefix) && job.length() > prefix.length()
        ? job.substring(prefix.length())
        : job;
  }

  private static String unmappedReason(LineageEvent e) {
    StringBuilder s =
        new StringBuilder("no workflow of the inventory maps OpenLineage job namespace '")
            .append(e.namespace())
            .append("' name '")
            .append(e.name())
            .append("'");
    for (LineageEvent.JobRef up : e.ancestors()) {
      s.append(" nor its parent '")
          .append(up.namespace())
          .append("/")
          .append(up.name())
          .append("'");
    }
    return s.toString();
  }

  private record Mapped(NativeRef ref, String runId, String task) {}
}
