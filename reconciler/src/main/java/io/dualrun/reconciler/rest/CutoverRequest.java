package io.dualrun.reconciler.rest;

import com.fasterxml.jackson.databind.JsonNode;
import io.dualrun.config.units.Durations;
import io.dualrun.schemas.PairKey;
import io.dualrun.schemas.avro.Cutover;
import io.dualrun.schemas.json.FieldError;
import io.dualrun.schemas.json.ValidationException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;

/**
 * A request to record a cutover ({@code POST /v1/cutovers}): {@code workflow}, {@code
 * fromPartition} (the first partition the candidate runs alone), {@code stabilize} (how long
 * dualrun watches the candidate alone, default {@value #DEFAULT_STABILIZE}), {@code note}. Checked
 * as a whole; unknown fields are refused.
 */
public final class CutoverRequest {
  static final String DEFAULT_STABILIZE = "28d";
  private static final Set<String> FIELDS =
      Set.of("workflow", "fromPartition", "stabilize", "note");

  private CutoverRequest() {}

  public static Cutover parse(JsonNode body, String principal, Instant now) {
    if (body == null || !body.isObject()) {
      throw new ValidationException(List.of(new FieldError("", "expected a JSON object")));
    }
    List<FieldError> errors = new ArrayList<>();
    for (Iterator<String> names = body.fieldNames(); names.hasNext(); ) {
      String name = names.next();
      if (!FIELDS.contains(name)) {
        errors.add(new FieldError(name, "unknown field; known: " + FIELDS));
      }
    }
    String workflow = text(body, "workflow", true, errors);
    if (workflow != null && !PairKey.isWorkflowId(workflow)) {
      errors.add(
          new FieldError(
              "workflow",
              "'" + workflow + "' is not a workflow id ([A-Za-z0-9][A-Za-z0-9._-]{0,127})"));
    }
    String from = text(body, "fromPartition", true, errors);
    String note = text(body, "note", false, errors);
    String stabilizeText = text(body, "stabilize", false, errors);
    Duration stabilize =
        Durations.parse(stabilizeText == null ? DEFAULT_STABILIZE : stabilizeText).orElse(null);
    if (stabilize == null || stabilize.isNegative()) {
      errors.add(
          new FieldError(
              "stabilize",
              "'" + stabilizeText + "' is not a duration (" + Durations.EXAMPLES + ")"));
    }
    if (!errors.isEmpty()) {
      throw new ValidationException(errors);
    }
    return Cutover.newBuilder()
        .setWorkflow(workflow)
        .setFromPartition(from)
        .setAt(now)
        .setStabilizeUntil(now.plus(stabilize))
        .setBy(principal)
        .setNote(note)
        .build();
  }

  private static String text(
      JsonNode body, String field, boolean required, List<FieldError> errors) {
    JsonNode n = body.get(field);
    if (n == null || n.isNull()) {
      if (required) {
        errors.add(new FieldError(field, "is required"));
      }
      return null;
    }
    if (!n.isTextual() || n.asText().isBlank() || n.asText().length() > 256) {
      errors.add(new FieldError(field, "must be text of 1 to 256 characters"));
      return null;
    }
    return n.asText();
  }
}
