package io.dualrun.reconciler.rest;

import io.dualrun.schemas.avro.Cutover;
import io.dualrun.schemas.json.AvroJson;
import io.javalin.Javalin;
import io.javalin.http.Context;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * {@code GET /v1/cutovers}, {@code GET /v1/cutovers/{workflow}} (each with how the candidate is
 * doing alone: {@link Stabilisation}), {@code POST /v1/cutovers} (201; records that the candidate
 * is primary from a partition on, replacing an earlier record of the workflow), {@code DELETE
 * /v1/cutovers/{workflow}} (204; the baseline is primary again). Changing them needs the operator
 * role; until the reconciler has started, 503.
 */
public final class CutoverRoutes {
  static final Duration VISIBLE_WITHIN = Duration.ofSeconds(10);

  private CutoverRoutes() {}

  public static void routes(
      Javalin app, Supplier<Desk<Cutover>> desks, PairQueries queries, Clock clock) {
    app.get("/v1/cutovers", ctx -> list(ctx, RecordedRoutes.started(desks), queries, clock));
    app.get(
        "/v1/cutovers/{workflow}", ctx -> one(ctx, RecordedRoutes.started(desks), queries, clock));
    app.post("/v1/cutovers", ctx -> create(ctx, RecordedRoutes.started(desks), clock));
    app.delete("/v1/cutovers/{workflow}", ctx -> remove(ctx, RecordedRoutes.started(desks)));
  }

  private static void list(Context ctx, Desk<Cutover> desk, PairQueries queries, Clock clock)
      throws IOException {
    List<Cutover> all = desk.all();
    List<Stabilisation> out = new ArrayList<>();
    if (!all.isEmpty()) {
      List<DigestRow> rows = ReconcilerRoutes.digests(ctx, queries).rows();
      for (Cutover c : all) {
        out.add(report(c, rows, queries, clock));
      }
    }
    ctx.json(out);
  }

  private static void one(Context ctx, Desk<Cutover> desk, PairQueries queries, Clock clock)
      throws IOException {
    String workflow = ctx.pathParam("workflow");
    var c = desk.find(workflow);
    if (c.isEmpty()) {
      ctx.status(404)
          .json(
              PairQueries.error("workflow " + workflow + " has not cut over (no cutover record)"));
      return;
    }
    ctx.json(report(c.get(), ReconcilerRoutes.digests(ctx, queries).rows(), queries, clock));
  }

  private static Stabilisation report(
      Cutover c, List<DigestRow> rows, PairQueries queries, Clock clock) {
    List<DigestRow> mine = rows.stream().filter(r -> r.workflow().equals(c.getWorkflow())).toList();
    return Stabilisation.of(
        c, queries.inventory().rules(c.getWorkflow()), new ArrayList<>(mine), clock.instant());
  }

  private static void create(Context ctx, Desk<Cutover> desk, Clock clock) {
    Cutover c =
        RecordedRoutes.parse(ctx, (body, who) -> CutoverRequest.parse(body, who, clock.instant()));
    if (c == null) {
      return;
    }
    desk.record(c, VISIBLE_WITHIN);
    ctx.status(201).header("Location", "/v1/cutovers/" + c.getWorkflow()).json(AvroJson.write(c));
  }

  private static void remove(Context ctx, Desk<Cutover> desk) {
    String workflow = ctx.pathParam("workflow");
    if (desk.find(workflow).isEmpty()) {
      ctx.status(404)
          .json(
              PairQueries.error("workflow " + workflow + " has not cut over (no cutover record)"));
      return;
    }
    desk.remove(workflow, VISIBLE_WITHIN);
    ctx.status(204);
  }
}
