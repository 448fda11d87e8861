package io.dualrun.ingest.lineage;

import com.fasterxml.jackson.databind.JsonNode;
import io.dualrun.ingest.parse.Parsed;
import io.dualrun.schemas.ColumnKind;
import io.dualrun.schemas.avro.ColumnType;
import io.dualrun.schemas.avro.RunStatus;
import io.dualrun.schemas.json.FieldError;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The parts of an OpenLineage RunEvent that dualrun uses, read with every problem named by its path
 * ({@code run.runId}, {@code job.name}, …).
 */
record LineageEvent(
    String eventType,
    Instant eventTime,
    String producer,
    String runId,
    String namespace,
    String name,
    List<JobRef> ancestors,
    Instant nominalStartTime,
    int attempt,
    String error,
    String logUrl,
    List<Output> outputs,
    List<String> inputs,
    String jobVersion) {

  /** A parent or root job of a task-level event. */
  record JobRef(String namespace, String name, String runId) {}

  /** An output dataset with its statistics and schema facets. */
  record Output(String name, Long rowCount, List<ColumnType> schema) {}

  /** The dualrun status of the event type; null for RUNNING, OTHER or none (nothing to record). */
  RunStatus status() {
    return switch (eventType) {
      case "START" -> RunStatus.STARTED;
      case "COMPLETE" -> RunStatus.SUCCEEDED;
      case "FAIL", "ABORT" -> RunStatus.FAILED;
      default -> null;
    };
  }

  /** The event, or every field in error. */
  static Parsed<LineageEvent> read(JsonNode e) {
    List<FieldError> errors = new ArrayList<>();
    if (!e.isObject()) {
      return Parsed.invalid("", "expected a JSON object");
    }
    String eventType = optionalText(e.path("eventType"));
    eventType = eventType == null ? "OTHER" : eventType.toUpperCase(Locale.ROOT);
    if (!List.of("START", "RUNNING", "COMPLETE", "ABORT", "FAIL", "OTHER").contains(eventType)) {
      errors.add(
          new FieldError(
              "eventType",
              "'" + eventType + "' is not START, RUNNING, COMPLETE, ABORT, FAIL, OTHER"));
    }
    Instant eventTime = time(e.path("eventTime"), "eventTime", true, errors);
    String runId = text(e.path("run").path("runId"), "run.runId", errors);
    String namespace = text(e.path("job").path("namespace"), "job.namespace", errors);
    String name = text(e.path("job").path("name"), "job.name", errors);
    JsonNode facets = e.path("run").path("facets");
    Instant nominal =
        time(
            facets.path("nominalTime").path("nominalStartTime"),
            "run.facets.nominalTime.nominalStartTime",
            false,
            errors);
    int attempt = attempt(facets, errors);
    List<Output> outputs = outputs(e.path("outputs"));
    if (!errors.isEmpty()) {
      return new Parsed.Invalid<>(errors);
    }
    return Parsed.ok(
        new LineageEvent(
            eventType,
            eventTime,
            optionalText(e.path("producer")),
            runId,
            namespace,
            name,
            ancestors(facets.path("parent")),
            nominal,
            attempt,
            error(eventType, facets),
            optionalText(facets.path("airflow").path("taskInstance").path("log_url")),
            outputs,
            inputs(e.path("inputs")),
            optionalText(e.path("job").path("facets").path("sourceCodeLocation").path("version"))));
  }

  private static List<JobRef> ancestors(JsonNode parent) {
    List<JobRef> refs = new ArrayList<>();
    for (JsonNode node : List.of(parent, parent.path("root"))) {
      String ns = optionalText(node.path("job").path("namespace"));
      String name = optionalText(node.path("job").path("name"));
      String runId = optionalText(node.path("run").path("runId"));
      if (ns != null && name != null && runId != null) {
        refs.add(new JobRef(ns, name, runId));
      }
    }
    return refs;
  }

  /** Airflow's try number; 1 where the producer gives none. */
  private static int attempt(JsonNode facets, List<FieldError> errors) {
    JsonNode tryNumber = facets.path("airflow").path("taskInstance").path("try_number");
    if (tryNumber.isMissingNode() || tryNumber.isNull()) {
      return 1;
    }
    if (!tryNumber.canConvertToInt() || !tryNumber.isIntegralNumber() || tryNumber.intValue() < 0) {
      errors.add(
          new FieldError(
              "run.facets.airflow.taskInstance.try_number",
              "expected a whole number, got " + tryNumber));
      return 1;
    }
    return Math.max(1, tryNumber.intValue());
  }

  private static String error(String eventType, JsonNode facets) {
    String message = optionalText(facets.path("errorMessage").path("message"));
    if (message == null && eventType.equals("ABORT")) {
      return "the run was aborted";
    }
    return message;
  }

  /** The names of the input datasets, each once. */
  private static List<String> inputs(JsonNode inputs) {
    List<String> names = new ArrayList<>();
    for (JsonNode i : inputs) {
      String name = optionalText(i.path("name"));
      if (name != null && !names.contains(name)) {
        names.add(name);
      }
    }
    return names;
  }

  private static List<Output> outputs(JsonNode outputs) {
    List<Output> list = new ArrayList<>();
    for (JsonNode o : outputs) {
      String name = optionalText(o.path("name"));
      if (name == null) {
        continue;
      }
      JsonNode rows = o.path("outputFacets").path("outputStatistics").path("rowCount");
      Long rowCount = rows.isIntegralNumber() ? rows.longValue() : null;
      List<ColumnType> schema = new ArrayList<>();
      for (JsonNode field : o.path("facets").path("schema").path("fields")) {
        String column = optionalText(field.path("name"));
        if (column != null) {
          String type = ColumnKind.ofTypeName(optionalText(field.path("type"))).label();
          schema.add(new ColumnType(column.toLowerCase(Locale.ROOT), type));
        }
      }
      list.add(new Output(name, rowCount, schema));
    }
    return list;
  }

  private static Instant time(
      JsonNode node, String path, boolean required, List<FieldError> errors) {
    if (node.isMissingNode() || node.isNull()) {
      if (required) {
        errors.add(new FieldError(path, "is required"));
      }
      return null;
    }
    if (!node.isTextual()) {
      errors.add(new FieldError(path, "expected an ISO-8601 timestamp string"));
      return null;
    }
    try {
      return ZonedDateTime.parse(node.textValue(), DateTimeFormatter.ISO_DATE_TIME).toInstant();
    } catch (DateTimeParseException e) {
      errors.add(
          new FieldError(path, "expected an ISO-8601 timestamp, got '" + node.textValue() + "'"));
      return null;
    }
  }

  private static String text(JsonNode node, String path, List<FieldError> errors) {
    String value = optionalText(node);
    if (value == null) {
      errors.add(new FieldError(path, node.isMissingNode() ? "is required" : "expected a string"));
    }
    return value;
  }

  private static String optionalText(JsonNode node) {
    return node.isTextual() && !node.textValue().isBlank() ? node.textValue() : null;
  }
}
