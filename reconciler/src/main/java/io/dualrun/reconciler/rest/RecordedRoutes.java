package io.dualrun.reconciler.rest;

import com.fasterxml.jackson.databind.JsonNode;
import io.dualrun.schemas.json.AvroJson;
import io.dualrun.schemas.json.FieldError;
import io.dualrun.schemas.json.ValidationException;
import io.dualrun.service.auth.HttpAuth;
import io.javalin.http.Context;
import java.io.IOException;
import java.util.List;
import java.util.function.Supplier;

/** What the routes of recorded decisions (waivers, cutovers) share. */
final class RecordedRoutes {
  private RecordedRoutes() {}

  /** Reads a request body into a record, or throws naming every bad field. */
  @FunctionalInterface
  interface Parser<V> {
    V parse(JsonNode body, String principal);
  }

  /** A refused body: every bad field and why. */
  record Refusal(List<FieldError> errors) {}

  /** The desk once the reconciler has started; 503 before. */
  static <V> Desk<V> started(Supplier<Desk<V>> desks) {
    Desk<V> desk = desks.get();
    if (desk == null) {
      throw new PairQueries.Unavailable("the reconciler has not started yet");
    }
    return desk;
  }

  /** The request's record, or null once a 400 naming every bad field has been answered. */
  static <V> V parse(Context ctx, Parser<V> parser) {
    JsonNode body;
    try {
      body = AvroJson.MAPPER.readTree(ctx.body());
    } catch (IOException e) {
      refuse(ctx, List.of(new FieldError("", "not JSON: " + e.getMessage())));
      return null;
    }
    try {
      return parser.parse(body, ctx.attribute(HttpAuth.PRINCIPAL));
    } catch (ValidationException e) {
      refuse(ctx, e.errors());
      return null;
    }
  }

  static void refuse(Context ctx, List<FieldError> errors) {
    ctx.status(400).json(new Refusal(errors));
  }
}
