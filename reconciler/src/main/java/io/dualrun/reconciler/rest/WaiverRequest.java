package io.dualrun.reconciler.rest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dualrun.schemas.avro.Waiver;
import io.dualrun.schemas.json.AvroJson;
import io.dualrun.schemas.json.FieldError;
import io.dualrun.schemas.json.RecordRules;
import io.dualrun.schemas.json.ValidationException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * A request to record a waiver ({@code POST /v1/waivers}), checked as a whole: the body's fields
 * are those of {@code Waiver} but {@code createdAt} and {@code createdBy}, which the reconciler
 * sets. {@code id} is optional (a new one is made); {@code expiresAt} takes an ISO instant, epoch
 * milliseconds, or a date ({@code 2027-01-31}: the waiver ends when that day begins, UTC) and must
 * lie ahead.
 */
public final class WaiverRequest {
  private static final Pattern DATE = Pattern.compile("\\d{4}-\\d{2}-\\d{2}");

  private WaiverRequest() {}

  /** The text fields of {@code node} that are text, the others empty. */
  private static Waiver partial(ObjectNode node) {
    Waiver w = new Waiver();
    w.setId(text(node, "id"));
    w.setWorkflow(text(node, "workflow"));
    w.setOutput(text(node, "output"));
    w.setColumn(text(node, "column"));
    w.setOwner(text(node, "owner"));
    w.setReason(text(node, "reason"));
    w.setVersion(text(node, "version"));
    List<String> partitions = new ArrayList<>();
    node.path("partitions").forEach(p -> partitions.add(p.isTextual() ? p.asText() : ""));
    w.setPartitions(partitions);
    return w;
  }

  private static String text(ObjectNode node, String field) {
    return node.path(field).isTextual() ? node.path(field).asText() : null;
  }

  /** The waiver {@code body} asks for, made by {@code principal} at {@code now}. */
  public static Waiver parse(JsonNode body, String principal, Instant now) {
    if (body == null || !body.isObject()) {
      throw new ValidationException(List.of(new FieldError("", "expected a JSON object")));
    }
    List<FieldError> errors = new ArrayList<>();
    ObjectNode node = ((ObjectNode) body).deepCopy();
    for (String set : List.of("createdAt", "createdBy")) {
      if (node.has(set)) {
        errors.add(new FieldError(set, "is set by the reconciler, leave it out"));
        node.remove(set);
      }
    }
    if (!node.hasNonNull("id")) {
      node.put("id", "w-" + UUID.randomUUID().toString().substring(0, 13));
    }
    node.put("createdAt", now.toString());
    if (principal != null) {
      node.put("createdBy", principal);
    }
    JsonNode expires = node.get("expiresAt");
    if (expires != null && expires.isTextual() && DATE.matcher(expires.asText()).matches()) {
      try {
        node.put(
            "expiresAt",
            LocalDate.parse(expires.asText()).atStartOfDay(ZoneOffset.UTC).toInstant().toString());
      } catch (DateTimeParseException e) {
        errors.add(new FieldError("expiresAt", "'" + expires.asText() + "' is not a date"));
        node.remove("expiresAt");
      }
    }
    Waiver w;
    try {
      w = AvroJson.read(node, Waiver.class);
    } catch (ValidationException e) {
      errors.addAll(e.errors());
      // the fields that were read still get their own checks: every problem in one answer
      Set<String> named = errors.stream().map(FieldError::field).collect(Collectors.toSet());
      RecordRules.check(partial(node)).stream()
          .filter(f -> !named.contains(f.field()))
          .forEach(errors::add);
      throw new ValidationException(errors);
    }
    errors.addAll(RecordRules.check(w));
    if (w.getExpiresAt() != null && !w.getExpiresAt().isAfter(now)) {
      errors.add(new FieldError("expiresAt", "must lie ahead, was " + w.getExpiresAt()));
    }
    if (!errors.isEmpty()) {
      throw new ValidationException(errors);
    }
    return w;
  }
}
