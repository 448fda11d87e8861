package io.dualrun.ingest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dualrun.config.auth.Role;
import io.dualrun.ingest.http.ApiException;
import io.dualrun.ingest.http.BodyReader;
import io.dualrun.ingest.lineage.LineageResult;
import io.dualrun.ingest.sink.Outgoing;
import io.dualrun.ingest.sink.SinkRejectedException;
import io.dualrun.ingest.sink.SinkUnavailableException;
import io.dualrun.schemas.avro.OutputFingerprint;
import io.dualrun.schemas.avro.RunEvent;
import io.dualrun.schemas.json.FieldError;
import io.dualrun.schemas.json.ValidationException;
import io.javalin.Javalin;
import io.javalin.http.Context;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The ingest HTTP endpoints. {@link #routes} adds {@code POST /v1/events}, {@code POST
 * /v1/fingerprints} and {@code POST /api/v1/lineage} ({@code /health}, {@code /ready} and {@code
 * /metrics} are the service host's). A 202 is only answered once Kafka acknowledged every record of
 * the request.
 */
public final class IngestRoutes {
  private static final Logger LOG = LoggerFactory.getLogger(IngestRoutes.class);
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  private IngestRoutes() {}

  /** The role each ingest endpoint needs ({@code HttpAuth} checks it before the route). */
  public static final Map<String, Role> MUTATIONS =
      Map.of(
          "/v1/events",
          Role.SOURCE,
          "/v1/fingerprints",
          Role.SOURCE,
          "/api/v1/lineage",
          Role.SOURCE);

  /** Adds the ingest endpoints to {@code app}. */
  public static void routes(Javalin app, IngestApi api) {
    app.post("/v1/events", ctx -> handle(ctx, api, "events", () -> events(ctx, api)));
    app.post(
        "/v1/fingerprints", ctx -> handle(ctx, api, "fingerprints", () -> fingerprints(ctx, api)));
    app.post("/api/v1/lineage", ctx -> handle(ctx, api, "lineage", () -> lineage(ctx, api)));
  }

  private static ObjectNode events(Context ctx, IngestApi api) throws IOException {
    List<RunEvent> events = api.natives().events(bytes(ctx, api));
    List<Outgoing> records = new ArrayList<>();
    ArrayNode ids = NODES.arrayNode();
    events.forEach(
        e -> {
          records.add(new Outgoing.Event(e));
          ids.add(e.getEventId());
        });
    write(api, records);
    api.metrics().stored("run-event", events.size());
    ObjectNode answer = NODES.objectNode().put("accepted", events.size());
    answer.set("eventIds", ids);
    return answer;
  }

  private static ObjectNode fingerprints(Context ctx, IngestApi api) throws IOException {
    List<OutputFingerprint> fingerprints = api.natives().fingerprints(bytes(ctx, api));
    List<Outgoing> records = new ArrayList<>();
    ArrayNode ids = NODES.arrayNode();
    fingerprints.forEach(
        f -> {
          records.add(new Outgoing.Fingerprint(f));
          ids.add(f.getEventId());
        });
    write(api, records);
    api.metrics().stored("fingerprint", fingerprints.size());
    ObjectNode answer = NODES.objectNode().put("accepted", fingerprints.size());
    answer.set("eventIds", ids);
    return answer;
  }

  private static ObjectNode lineage(Context ctx, IngestApi api) throws IOException {
    JsonNode body = body(ctx, api);
    List<JsonNode> items = items(body, api);
    List<Outgoing> records = new ArrayList<>();
    List<FieldError> errors = new ArrayList<>();
    int unmapped = 0;
    int ignored = 0;
    for (int i = 0; i < items.size(); i++) {
      try {
        LineageResult result = api.lineage().map(items.get(i));
        records.addAll(result.records());
        unmapped += result.unmapped() ? 1 : 0;
        ignored += result.ignored() ? 1 : 0;
      } catch (ValidationException e) {
        String prefix = body.isArray() ? "[" + i + "]" : "";
        e.errors().forEach(err -> errors.add(err.prefixed(prefix)));
      }
    }
    if (!errors.isEmpty()) {
      throw ApiException.badRequest(errors);
    }
    write(api, records);
    return lineageAnswer(api, records, unmapped, ignored);
  }

  private static ObjectNode lineageAnswer(
      IngestApi api, List<Outgoing> records, int unmapped, int ignored) {
    long events = records.stream().filter(r -> r instanceof Outgoing.Event).count();
    long fingerprints = records.stream().filter(r -> r instanceof Outgoing.Fingerprint).count();
    api.metrics().stored("run-event", (int) events);
    api.metrics().stored("fingerprint", (int) fingerprints);
    for (int i = 0; i < unmapped; i++) {
      api.metrics().unmapped();
    }
    for (int i = 0; i < ignored; i++) {
      api.metrics().ignored();
    }
    return NODES
        .objectNode()
        .put("accepted", records.size())
        .put("runEvents", events)
        .put("fingerprints", fingerprints)
        .put("unmapped", unmapped)
        .put("ignored", ignored);
  }

  private static List<JsonNode> items(JsonNode body, IngestApi api) {
    List<JsonNode> items = new ArrayList<>();
    if (body.isArray()) {
      body.forEach(items::add);
    } else {
      items.add(body);
    }
    int max = api.natives().maxBatch();
    if (items.size() > max) {
      throw ApiException.of(
          413, "", "the batch holds " + items.size() + " events, more than the limit of " + max);
    }
    return items;
  }

  private static JsonNode body(Context ctx, IngestApi api) throws IOException {
    return BodyReader.parse(bytes(ctx, api));
  }

  private static byte[] bytes(Context ctx, IngestApi api) throws IOException {
    return api.body().read(ctx.req().getInputStream(), ctx.req().getContentLengthLong());
  }

  private static void write(IngestApi api, List<Outgoing> records) {
    if (records.isEmpty()) {
      return;
    }
    long start = System.nanoTime();
    api.sink().writeAll(records);
    api.metrics().writeTook(System.nanoTime() - start);
  }

  @FunctionalInterface
  private interface Work {
    ObjectNode run() throws IOException;
  }

  private static void handle(Context ctx, IngestApi api, String endpoint, Work work) {
    // answers are a few kilobytes of ids or errors for a hook nearby: compressing them (Javalin
    // does for clients that accept gzip, e.g. Python requests) costs more than it saves
    ctx.disableCompression();
    int status;
    try {
      ObjectNode answer = work.run();
      status = 202;
      ctx.status(status).json(answer);
    } catch (ApiException e) {
      status = refuse(ctx, e);
    } catch (SinkUnavailableException e) {
      LOG.warn("{}: answering 503: {}", endpoint, e.getMessage());
      long seconds = Math.max(1, api.retryAfter().toSeconds());
      status =
          refuse(
              ctx,
              new ApiException(
                  503,
                  List.of(new FieldError("", e.getMessage() + "; nothing is acknowledged, retry")),
                  Map.of("Retry-After", Long.toString(seconds))));
    } catch (SinkRejectedException e) {
      status = refuse(ctx, ApiException.of(e.tooLarge() ? 413 : 500, "", e.getMessage()));
    } catch (IOException e) {
      status = refuse(ctx, ApiException.of(400, "", "cannot read the request: " + e.getMessage()));
    } catch (RuntimeException e) {
      LOG.error("{}: unexpected failure", endpoint, e);
      status = refuse(ctx, ApiException.of(500, "", "internal error: " + e));
    }
    api.metrics().request(endpoint, status);
  }

  private static int refuse(Context ctx, ApiException e) {
    e.headers().forEach(ctx::header);
    ArrayNode errors = NODES.arrayNode();
    e.errors()
        .forEach(
            err ->
                errors.add(
                    NODES.objectNode().put("field", err.field()).put("reason", err.reason())));
    ObjectNode body = NODES.objectNode();
    body.set("errors", errors);
    ctx.status(e.status()).json(body);
    return e.status();
  }
}
