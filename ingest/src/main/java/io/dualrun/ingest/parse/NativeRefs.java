package io.dualrun.ingest.parse;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dualrun.inventory.Inventory;
import io.dualrun.inventory.NativeRef;
import io.dualrun.schemas.json.FieldError;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Turns a hook's native ids ({@code orchestrator} + {@code job} [+ {@code namespace}] + {@code
 * logicalTime}) into workflow, side and partition through the inventory, in place.
 */
final class NativeRefs {
  static final String JOB = "job";
  static final String NAMESPACE = "namespace";
  static final String LOGICAL_TIME = "logicalTime";
  private final Inventory inventory;

  NativeRefs(Inventory inventory) {
    this.inventory = inventory;
  }

  /**
   * Rewrites {@code node} from native to canonical ids when it names a {@code job}.
   *
   * @param keepOrchestrator whether the record type has an orchestrator field (run events do)
   * @return the problems; empty when the node is canonical or was resolved
   */
  List<FieldError> resolve(ObjectNode node, boolean keepOrchestrator) {
    if (!node.has(JOB)) {
      return List.of();
    }
    List<FieldError> errors = new ArrayList<>();
    for (String canonical : List.of("workflow", "side")) {
      if (node.has(canonical)) {
        errors.add(new FieldError(canonical, "must not be given together with job"));
      }
    }
    String orchestrator = text(node, "orchestrator", errors, true);
    String job = text(node, JOB, errors, true);
    String namespace = text(node, NAMESPACE, errors, false);
    Instant logicalTime = logicalTime(node, errors);
    node.remove(List.of(JOB, NAMESPACE, LOGICAL_TIME));
    if (!keepOrchestrator) {
      node.remove("orchestrator");
    }
    if (!errors.isEmpty()) {
      return errors;
    }
    Optional<NativeRef> ref = inventory.resolve(orchestrator, namespace, job);
    if (ref.isEmpty()) {
      errors.add(
          new FieldError(
              JOB,
              "no workflow of the inventory maps orchestrator '"
                  + orchestrator
                  + "'"
                  + (namespace == null ? "" : ", namespace '" + namespace + "'")
                  + ", job '"
                  + job
                  + "'"));
      return errors;
    }
    apply(node, ref.get(), logicalTime);
    return errors;
  }

  private static void apply(ObjectNode node, NativeRef ref, Instant logicalTime) {
    node.put("workflow", ref.workflow().id());
    node.put("side", ref.side().name().toLowerCase(Locale.ROOT));
    if (logicalTime != null) {
      node.put(
          "partition",
          ref.mapping()
              .partition(logicalTime, ref.workflow().zone(), ref.workflow().granularity()));
    }
  }

  private static Instant logicalTime(ObjectNode node, List<FieldError> errors) {
    JsonNode value = node.get(LOGICAL_TIME);
    if (value == null || value.isNull()) {
      if (!node.hasNonNull("partition")) {
        errors.add(new FieldError(LOGICAL_TIME, "is required with job (or give partition)"));
      }
      return null;
    }
    if (node.has("partition")) {
      errors.add(new FieldError("partition", "must not be given together with logicalTime"));
      return null;
    }
    if (!value.isTextual()) {
      errors.add(new FieldError(LOGICAL_TIME, "expected an ISO-8601 timestamp string"));
      return null;
    }
    try {
      return OffsetDateTime.parse(value.textValue()).toInstant();
    } catch (DateTimeParseException e) {
      errors.add(
          new FieldError(
              LOGICAL_TIME,
              "expected an ISO-8601 timestamp such as 2026-11-20T07:05:00Z, got '"
                  + value.textValue()
                  + "'"));
      return null;
    }
  }

  private static String text(
      ObjectNode node, String field, List<FieldError> errors, boolean required) {
    JsonNode value = node.get(field);
    if (value == null || value.isNull()) {
      if (required) {
        errors.add(new FieldError(field, "is required with job"));
      }
      return null;
    }
    if (!value.isTextual() || value.textValue().isBlank()) {
      errors.add(new FieldError(field, "expected a non-empty string"));
      return null;
    }
    return value.textValue();
  }
}
