package io.dualrun.service.probe;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.Javalin;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code GET /ready}: 200 {@code {"status":"READY","checks":{name:{ok,detail}}}} when every check
 * passes, else 503 {@code "NOT_READY"} with the same checks. {@code GET /health} is liveness only:
 * 200 while the process serves HTTP; a load balancer or an orchestrator takes an instance out of
 * rotation on {@code /ready}, and restarts it on {@code /health}.
 */
public final class Probes {
  private static final ObjectMapper JSON = new ObjectMapper();

  private Probes() {}

  /** Adds {@code GET /ready} answering from {@code checks}. */
  public static void ready(Javalin app, List<ReadinessCheck> checks) {
    app.get(
        "/ready",
        ctx -> {
          Map<String, Object> results = new LinkedHashMap<>();
          boolean ok = true;
          for (ReadinessCheck c : checks) {
            ReadinessCheck.Result r = c.check();
            ok &= r.ok();
            results.put(c.name(), Map.of("ok", r.ok(), "detail", r.detail()));
          }
          Map<String, Object> body = new LinkedHashMap<>();
          body.put("status", ok ? "READY" : "NOT_READY");
          body.put("checks", results);
          ctx.status(ok ? 200 : 503)
              .contentType("application/json")
              .result(JSON.writeValueAsString(body));
        });
  }

  /** Adds {@code GET /health}: {@code {"status":"UP"}} while the process serves. */
  public static void health(Javalin app) {
    app.get("/health", ctx -> ctx.contentType("application/json").result("{\"status\":\"UP\"}"));
  }
}
