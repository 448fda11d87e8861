package io.dualrun.alerting.silence;

import com.fasterxml.jackson.databind.JsonNode;
import io.dualrun.config.units.Durations;
import io.dualrun.schemas.json.FieldError;
import io.dualrun.schemas.json.ValidationException;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Parses {@code POST /v1/silences}: {@code {"matchers": {"workflow": "revenue-*", "kind":
 * "ROW_COUNT"}, "endsAt": "…" | "duration": "2h", "startsAt"?: "…", "reason": "accepted
 * difference", "createdBy"?: "ana"}}. Every bad field is reported.
 */
public final class SilenceRequest {
  private SilenceRequest() {}

  public static Silence parse(JsonNode body, Instant now) {
    List<FieldError> errors = new ArrayList<>();
    if (body == null || !body.isObject()) {
      throw new ValidationException(List.of(new FieldError("", "must be a JSON object")));
    }
    Map<String, String> matchers = matchers(body.get("matchers"), errors);
    String reason = text(body, "reason");
    if (reason == null || reason.isBlank()) {
      errors.add(new FieldError("reason", "is required (e.g. \"accepted difference\")"));
    }
    Instant startsAt = instant(body, "startsAt", now, errors);
    Instant endsAt = endsAt(body, startsAt, errors);
    if (endsAt != null && !endsAt.isAfter(now)) {
      errors.add(new FieldError("endsAt", "must be in the future"));
    }
    if (endsAt != null && startsAt != null && !endsAt.isAfter(startsAt)) {
      errors.add(new FieldError("endsAt", "must be after startsAt"));
    }
    if (!errors.isEmpty()) {
      throw new ValidationException(errors);
    }
    return new Silence(
        UUID.randomUUID().toString(),
        matchers,
        startsAt,
        endsAt,
        reason,
        text(body, "createdBy"),
        now);
  }

  private static Map<String, String> matchers(JsonNode node, List<FieldError> errors) {
    Map<String, String> matchers = new LinkedHashMap<>();
    if (node == null || !node.isObject() || node.isEmpty()) {
      errors.add(
          new FieldError(
              "matchers", "is required: an object with workflow, kind, output or partition"));
      return matchers;
    }
    node.fields()
        .forEachRemaining(
            e -> {
              String field = "matchers." + e.getKey();
              if (!Silence.FIELDS.contains(e.getKey())) {
                errors.add(new FieldError(field, "unknown matcher; use " + Silence.FIELDS));
              } else if (!e.getValue().isTextual() || e.getValue().asText().isBlank()) {
                errors.add(new FieldError(field, "must be a non-empty string (exact or glob)"));
              } else {
                matchers.put(e.getKey(), e.getValue().asText());
              }
            });
    return matchers;
  }

  private static Instant endsAt(JsonNode body, Instant startsAt, List<FieldError> errors) {
    boolean hasEnd = body.hasNonNull("endsAt");
    boolean hasDuration = body.hasNonNull("duration");
    if (hasEnd == hasDuration) {
      errors.add(new FieldError("endsAt", "give exactly one of endsAt or duration"));
      return null;
    }
    if (hasEnd) {
      return instant(body, "endsAt", null, errors);
    }
    Duration d = Durations.parse(body.get("duration").asText()).orElse(null);
    if (d == null) {
      errors.add(new FieldError("duration", "is not a duration (" + Durations.EXAMPLES + ")"));
      return null;
    }
    if (d.isZero() || d.isNegative()) {
      errors.add(new FieldError("duration", "must be positive"));
      return null;
    }
    return startsAt == null ? null : startsAt.plus(d);
  }

  private static Instant instant(
      JsonNode body, String field, Instant fallback, List<FieldError> errors) {
    String v = text(body, field);
    if (v == null) {
      return fallback;
    }
    try {
      return Instant.parse(v);
    } catch (DateTimeParseException e) {
      errors.add(new FieldError(field, "is not an ISO-8601 instant (e.g. 2026-11-22T10:00:00Z)"));
      return null;
    }
  }

  private static String text(JsonNode body, String field) {
    JsonNode n = body.get(field);
    return n == null || n.isNull() ? null : n.asText();
  }
}
