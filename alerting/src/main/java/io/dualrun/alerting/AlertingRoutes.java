package io.dualrun.alerting;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.dualrun.alerting.delivery.AlertView;
import io.dualrun.alerting.model.AlertEvent;
import io.dualrun.alerting.model.Json;
import io.dualrun.alerting.silence.Silence;
import io.dualrun.alerting.silence.SilenceRequest;
import io.dualrun.alerting.silence.SilenceStore;
import io.dualrun.schemas.json.FieldError;
import io.dualrun.schemas.json.ValidationException;
import io.javalin.Javalin;
import io.javalin.http.Context;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * HTTP API: {@code GET /v1/alerts[?status=FIRING|RESOLVED]}, {@code GET
 * /v1/alerts/{workflow}/{kind}}, {@code GET|POST /v1/silences}, {@code GET|DELETE
 * /v1/silences/{id}}. Bodies are JSON; refused requests answer 400 with {@code errors[{field,
 * reason}]}.
 */
public final class AlertingRoutes {
  private AlertingRoutes() {}

  public static void routes(Javalin app, AlertView view, SilenceStore silences, Clock clock) {
    app.get("/v1/alerts", ctx -> listAlerts(ctx, view));
    app.get("/v1/alerts/{workflow}/{kind}", ctx -> oneAlert(ctx, view));
    app.get("/v1/silences", ctx -> json(ctx, 200, silences(silences.all(), clock.instant())));
    app.post("/v1/silences", ctx -> createSilence(ctx, silences, clock));
    app.get(
        "/v1/silences/{id}",
        ctx ->
            silences
                .get(ctx.pathParam("id"))
                .ifPresentOrElse(
                    s -> json(ctx, 200, silence(s, clock.instant())),
                    () -> notFound(ctx, "silence " + ctx.pathParam("id"))));
    app.delete(
        "/v1/silences/{id}",
        ctx ->
            silences
                .expire(ctx.pathParam("id"), clock.instant())
                .ifPresentOrElse(
                    s -> json(ctx, 200, silence(s, clock.instant())),
                    () -> notFound(ctx, "silence " + ctx.pathParam("id"))));
  }

  private static void listAlerts(Context ctx, AlertView view) {
    String status = ctx.queryParam("status");
    if (status != null
        && !List.of("FIRING", "RESOLVED").contains(status.toUpperCase(Locale.ROOT))) {
      errors(ctx, List.of(new FieldError("status", "must be FIRING or RESOLVED")));
      return;
    }
    List<Map<String, Object>> out =
        view.alerts().stream()
            .filter(a -> status == null || a.status().name().equalsIgnoreCase(status))
            .map(a -> alert(a, view, false))
            .toList();
    json(ctx, 200, Map.of("alerts", out));
  }

  private static void oneAlert(Context ctx, AlertView view) {
    String id = ctx.pathParam("workflow") + "/" + ctx.pathParam("kind");
    view.alert(id)
        .ifPresentOrElse(
            a -> json(ctx, 200, alert(a, view, true)), () -> notFound(ctx, "alert " + id));
  }

  private static Map<String, Object> alert(AlertEvent a, AlertView view, boolean details) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("alertId", a.alertId());
    m.put("workflow", a.workflow());
    m.put("kind", a.kind());
    m.put("state", a.status().name());
    m.put("severity", a.severity());
    m.put("owner", a.owner());
    m.put("version", a.version());
    m.put("lastAction", a.action().name());
    m.put("openedAt", a.openedAt());
    m.put("resolvedAt", a.resolvedAt());
    m.put("updatedAt", a.time());
    m.put("partitionCount", a.partitionCount());
    m.put("partitions", a.partitions());
    if (details) {
      m.put("members", a.members());
    }
    m.put("notifications", view.history(a.alertId()));
    return m;
  }

  private static void createSilence(Context ctx, SilenceStore silences, Clock clock) {
    JsonNode body;
    try {
      body = Json.MAPPER.readTree(ctx.body());
    } catch (JsonProcessingException e) {
      errors(ctx, List.of(new FieldError("", "not valid JSON: " + e.getOriginalMessage())));
      return;
    }
    Instant now = clock.instant();
    try {
      Silence s = silences.add(SilenceRequest.parse(body, now));
      json(ctx, 201, silence(s, now));
    } catch (ValidationException e) {
      errors(ctx, e.errors());
    }
  }

  private static Map<String, Object> silences(List<Silence> all, Instant now) {
    return Map.of("silences", all.stream().map(s -> silence(s, now)).toList());
  }

  private static Map<String, Object> silence(Silence s, Instant now) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("id", s.id());
    m.put("matchers", s.matchers());
    m.put("startsAt", s.startsAt());
    m.put("endsAt", s.endsAt());
    m.put("reason", s.reason());
    m.put("createdBy", s.createdBy());
    m.put("createdAt", s.createdAt());
    m.put("state", s.state(now));
    return m;
  }

  private static void errors(Context ctx, List<FieldError> errors) {
    json(ctx, 400, Map.of("errors", errors));
  }

  private static void notFound(Context ctx, String what) {
    json(ctx, 404, Map.of("error", what + " not found"));
  }

  private static void json(Context ctx, int status, Object body) {
    ctx.status(status).contentType("application/json").result(Json.text(body));
  }
}
