package io.dualrun.reconciler.rest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dualrun.schemas.avro.Waiver;
import io.dualrun.schemas.json.AvroJson;
import io.dualrun.schemas.json.FieldError;
import io.javalin.Javalin;
import io.javalin.http.Context;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * {@code GET /v1/waivers[?workflow=W]}, {@code GET /v1/waivers/{id}}, {@code POST /v1/waivers}
 * (201, the waiver as recorded), {@code DELETE /v1/waivers/{id}} (204). Changing waivers needs the
 * operator role (the service host's access policy); a refused body answers 400 with {@code
 * errors[{field, reason}]}. Until the reconciler has started, every route answers 503.
 */
public final class WaiverRoutes {
  /** How long a change waits to be visible on this instance before it is answered. */
  static final Duration VISIBLE_WITHIN = Duration.ofSeconds(10);

  private WaiverRoutes() {}

  public static void routes(Javalin app, Supplier<Desk<Waiver>> desks, Clock clock) {
    app.get("/v1/waivers", ctx -> list(ctx, RecordedRoutes.started(desks), clock));
    app.get("/v1/waivers/{id}", ctx -> one(ctx, RecordedRoutes.started(desks), clock));
    app.post("/v1/waivers", ctx -> create(ctx, RecordedRoutes.started(desks), clock));
    app.delete("/v1/waivers/{id}", ctx -> remove(ctx, RecordedRoutes.started(desks)));
  }

  private static void list(Context ctx, Desk<Waiver> desk, Clock clock) {
    String workflow = ctx.queryParam("workflow");
    List<JsonNode> out = new ArrayList<>();
    for (Waiver w : desk.all()) {
      if (workflow == null || w.getWorkflow().equals(workflow)) {
        out.add(json(w, clock));
      }
    }
    ctx.json(out);
  }

  private static void one(Context ctx, Desk<Waiver> desk, Clock clock) {
    String id = ctx.pathParam("id");
    desk.find(id).ifPresentOrElse(w -> ctx.json(json(w, clock)), () -> notFound(ctx, id));
  }

  private static void create(Context ctx, Desk<Waiver> desk, Clock clock) {
    Waiver w =
        RecordedRoutes.parse(ctx, (body, who) -> WaiverRequest.parse(body, who, clock.instant()));
    if (w == null) {
      return;
    }
    if (desk.find(w.getId()).isPresent()) {
      RecordedRoutes.refuse(
          ctx, List.of(new FieldError("id", "a waiver '" + w.getId() + "' already exists")));
      return;
    }
    desk.record(w, VISIBLE_WITHIN);
    ctx.status(201).header("Location", "/v1/waivers/" + w.getId()).json(json(w, clock));
  }

  private static void remove(Context ctx, Desk<Waiver> desk) {
    String id = ctx.pathParam("id");
    if (desk.find(id).isEmpty()) {
      notFound(ctx, id);
      return;
    }
    desk.remove(id, VISIBLE_WITHIN);
    ctx.status(204);
  }

  /** The waiver's JSON form with {@code expired}: whether its date has passed. */
  static ObjectNode json(Waiver w, Clock clock) {
    ObjectNode node = AvroJson.write(w);
    node.put("expired", w.getExpiresAt() != null && !w.getExpiresAt().isAfter(clock.instant()));
    return node;
  }

  private static void notFound(Context ctx, String id) {
    ctx.status(404).json(PairQueries.error("no waiver '" + id + "'"));
  }
}
