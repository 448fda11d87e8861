package io.dualrun.reconciler.web;

import io.javalin.Javalin;
import io.javalin.http.Context;

/**
 * The web dashboard: static HTML pages, a style sheet and scripts from the classpath. The pages
 * read the reconciler's REST API ({@code /v1/workflows}, {@code /v1/readiness}, {@code
 * /v1/pairs/…}) and the alerting API ({@code /v1/alerts}, {@code /v1/silences}) from the same
 * origin and poll it.
 *
 * <ul>
 *   <li>{@code GET /}: overview of every workflow, open alerts and silences
 *   <li>{@code GET /workflows/{workflow}}: one workflow's partitions and readiness
 *   <li>{@code GET /pairs/{workflow}/{partition}}: both sides of one pair and every finding
 *   <li>{@code GET /ui/{asset}}: the style sheet and scripts
 * </ul>
 */
public final class DashboardRoutes {
  /** Where the style sheet and scripts are served. */
  public static final String ASSETS = "/ui/";

  private static final StaticFiles FILES = new StaticFiles("io/dualrun/reconciler/web/");

  private DashboardRoutes() {}

  public static void routes(Javalin app) {
    app.get("/", ctx -> page(ctx, "overview.html"));
    app.get("/workflows/{workflow}", ctx -> page(ctx, "workflow.html"));
    app.get("/pairs/{workflow}/{partition}", ctx -> page(ctx, "pair.html"));
    app.get(ASSETS + "{asset}", DashboardRoutes::asset);
  }

  private static void page(Context ctx, String name) {
    FILES.serve(ctx, name);
  }

  private static void asset(Context ctx) {
    String name = ctx.pathParam("asset");
    if (!StaticFiles.ASSET_NAMES.contains(name)) {
      ctx.status(404).contentType("text/plain; charset=utf-8").result("no such asset: " + name);
      return;
    }
    FILES.serve(ctx, name);
  }
}
