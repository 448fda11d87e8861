package io.dualrun.schemas.json;

import io.dualrun.schemas.PairKey;
import io.dualrun.schemas.avro.ColumnStats;
import io.dualrun.schemas.avro.ColumnType;
import io.dualrun.schemas.avro.OutputFingerprint;
import io.dualrun.schemas.avro.RunEvent;
import io.dualrun.schemas.normalise.Normalisation;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Semantic rules of DESIGN §4 that the Avro types cannot express (identifier syntax, ranges). Used
 * wherever a record enters the system: HTTP, CLI, and the reconciler's own input check.
 */
public final class RecordRules {
  private static final int HASH_DIGITS = 16;
  private static final int MAX_PARTITION = 128;
  private static final int MAX_ID = 256;
  private static final int SMALL_SCHEMA = 16;
  private static final int MAX_DATASETS = 256;

  private RecordRules() {}

  public static List<FieldError> check(RunEvent e) {
    List<FieldError> errors = new ArrayList<>();
    id(errors, "eventId", e.getEventId());
    workflow(errors, e.getWorkflow());
    partition(errors, e.getPartition());
    id(errors, "orchestrator", e.getOrchestrator());
    id(errors, "runId", e.getRunId());
    attempt(errors, e.getAttempt());
    datasets(errors, "expectedOutputs", e.getExpectedOutputs());
    datasets(errors, "inputs", e.getInputs());
    optional(errors, "jobVersion", e.getJobVersion());
    return errors;
  }

  /** A list of dataset names: at most {@value #MAX_DATASETS}, each 1 to 256 characters. */
  private static void datasets(List<FieldError> errors, String field, List<String> names) {
    if (names == null) {
      return;
    }
    if (names.size() > MAX_DATASETS) {
      errors.add(
          new FieldError(field, "at most " + MAX_DATASETS + " datasets, got " + names.size()));
      return;
    }
    for (int i = 0; i < names.size(); i++) {
      id(errors, field + "[" + i + "]", names.get(i));
    }
  }

  /** A waiver: ids and texts non-empty, the workflow id's syntax, no empty scope value. */
  public static List<FieldError> check(io.dualrun.schemas.avro.Waiver w) {
    List<FieldError> errors = new ArrayList<>();
    id(errors, "id", w.getId());
    workflow(errors, w.getWorkflow());
    optional(errors, "output", w.getOutput());
    optional(errors, "column", w.getColumn());
    for (int i = 0; i < w.getPartitions().size(); i++) {
      id(errors, "partitions[" + i + "]", w.getPartitions().get(i));
    }
    id(errors, "owner", w.getOwner());
    text(errors, "reason", w.getReason());
    optional(errors, "version", w.getVersion());
    return errors;
  }

  private static void optional(List<FieldError> errors, String field, String value) {
    if (value != null) {
      id(errors, field, value);
    }
  }

  private static void text(List<FieldError> errors, String field, String value) {
    if (value == null || value.isBlank()) {
      errors.add(new FieldError(field, "must not be empty"));
    } else if (value.length() > 4096) {
      errors.add(new FieldError(field, "at most 4096 characters, got " + value.length()));
    }
  }

  public static List<FieldError> check(OutputFingerprint f) {
    List<FieldError> errors = new ArrayList<>();
    id(errors, "eventId", f.getEventId());
    workflow(errors, f.getWorkflow());
    partition(errors, f.getPartition());
    id(errors, "runId", f.getRunId());
    attempt(errors, f.getAttempt());
    id(errors, "output", f.getOutput());
    if (f.getRowCount() < 0) {
      errors.add(new FieldError("rowCount", "must not be negative, was " + f.getRowCount()));
    }
    if (f.getContentHash() != null && !isHash(f.getContentHash())) {
      errors.add(new FieldError("contentHash", "must be 16 lower-case hex digits"));
    }
    columns(errors, f);
    buckets(errors, f);
    columnHashes(errors, f);
    normalisation(errors, f);
    return errors;
  }

  /** The rules text must read as normalisation rules (docs/fingerprint.md, Normalisation). */
  private static void normalisation(List<FieldError> errors, OutputFingerprint f) {
    String text = f.getNormalisation();
    if (text == null) {
      return;
    }
    try {
      Normalisation.parse(List.of(text));
    } catch (IllegalArgumentException e) {
      errors.add(new FieldError("normalisation", e.getMessage()));
    }
  }

  /**
   * Whether {@code s} is 16 lower-case hex digits ({@code [0-9a-f]{16}}), without a regular
   * expression: the reconciler checks every fingerprint it reads.
   */
  static boolean isHash(String s) {
    if (s.length() != HASH_DIGITS) {
      return false;
    }
    for (int i = 0; i < HASH_DIGITS; i++) {
      char c = s.charAt(i);
      if (!(c >= '0' && c <= '9' || c >= 'a' && c <= 'f')) {
        return false;
      }
    }
    return true;
  }

  private static void columns(List<FieldError> errors, OutputFingerprint f) {
    List<ColumnType> schema = f.getSchema$();
    // a set only for wide schemas: most have a few columns, compared pairwise without hashing
    Set<String> seen = schema.size() > SMALL_SCHEMA ? new HashSet<>() : null;
    for (int i = 0; i < schema.size(); i++) {
      String name = schema.get(i).getName();
      if (seen != null ? !seen.add(name) : seenBefore(schema, i, name)) {
        errors.add(
            new FieldError(
                "schema[" + i + "].name", "duplicate column " + schema.get(i).getName()));
      }
    }
    List<ColumnStats> columns = f.getColumns();
    for (int i = 0; i < columns.size(); i++) {
      if (columns.get(i).getNulls() < 0) {
        errors.add(new FieldError("columns[" + i + "].nulls", "must not be negative"));
      }
    }
  }

  private static boolean seenBefore(List<ColumnType> schema, int i, String name) {
    for (int j = 0; j < i; j++) {
      if (schema.get(j).getName().equals(name)) {
        return true;
      }
    }
    return false;
  }

  private static void buckets(List<FieldError> errors, OutputFingerprint f) {
    var b = f.getBuckets();
    if (b == null) {
      return;
    }
    if (b.getRowCounts().size() != b.getHashes().size()) {
      errors.add(
          new FieldError("buckets.hashes", "must have as many entries as buckets.rowCounts"));
    }
    for (int i = 0; i < b.getHashes().size(); i++) {
      if (!isHash(b.getHashes().get(i))) {
        errors.add(new FieldError("buckets.hashes[" + i + "]", "must be 16 lower-case hex digits"));
      }
    }
  }

  private static void columnHashes(List<FieldError> errors, OutputFingerprint f) {
    var c = f.getColumnHashes();
    if (c == null) {
      return;
    }
    for (int i = 0; i < c.getHashes().size(); i++) {
      if (!isHash(c.getHashes().get(i).getHash())) {
        errors.add(
            new FieldError(
                "columnHashes.hashes[" + i + "].hash", "must be 16 lower-case hex digits"));
      }
    }
  }

  private static void workflow(List<FieldError> errors, String workflow) {
    if (workflow != null && !PairKey.isWorkflowId(workflow)) {
      errors.add(
          new FieldError(
              "workflow",
              "'" + workflow + "' is not a workflow id ([A-Za-z0-9][A-Za-z0-9._-]{0,127})"));
    }
  }

  private static void partition(List<FieldError> errors, String partition) {
    if (partition != null && (partition.isBlank() || partition.length() > MAX_PARTITION)) {
      errors.add(new FieldError("partition", "must be 1 to " + MAX_PARTITION + " characters"));
    }
  }

  private static void id(List<FieldError> errors, String field, String value) {
    if (value != null && (value.isBlank() || value.length() > MAX_ID)) {
      errors.add(new FieldError(field, "must be 1 to " + MAX_ID + " characters"));
    }
  }

  private static void attempt(List<FieldError> errors, int attempt) {
    if (attempt < 1) {
      errors.add(new FieldError("attempt", "must be 1 or more, was " + attempt));
    }
  }
}
