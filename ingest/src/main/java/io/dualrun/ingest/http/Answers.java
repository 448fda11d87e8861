package io.dualrun.ingest.http;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import io.dualrun.schemas.json.FieldError;
import java.util.List;

/** The JSON bodies ingest answers, as records (serialized by Jackson, fields in this order). */
public final class Answers {
  private Answers() {}

  /** 202 to native events or fingerprints: how many, and the id of each, in request order. */
  @JsonPropertyOrder({"accepted", "eventIds"})
  public record Accepted(int accepted, List<String> eventIds) {}

  /** 202 to OpenLineage events: what their mapping gave. */
  @JsonPropertyOrder({"accepted", "runEvents", "fingerprints", "unmapped", "ignored"})
  public record LineageAccepted(
      int accepted, long runEvents, long fingerprints, int unmapped, int ignored) {}

  /** Every refusal: each field in error with the reason ({@code ""}: the whole request). */
  @JsonPropertyOrder({"errors"})
  public record Errors(List<Error> errors) {
    public static Errors of(List<FieldError> errors) {
      return new Errors(errors.stream().map(e -> new Error(e.field(), e.reason())).toList());
    }

    public static Errors of(String reason) {
      return new Errors(List.of(new Error("", reason)));
    }
  }

  /** One field in error. */
  @JsonPropertyOrder({"field", "reason"})
  public record Error(String field, String reason) {}
}
