package io.dualrun.ingest;

import com.fasterxml.jackson.databind.JsonNode;
import io.dualrun.config.auth.Role;
import io.dualrun.ingest.http.Answers;
import io.dualrun.ingest.http.Reply;
import io.dualrun.ingest.lineage.LineageResult;
import io.dualrun.ingest.parse.BodyReader;
import io.dualrun.ingest.parse.Parsed;
import io.dualrun.ingest.sink.Outgoing;
import io.dualrun.ingest.sink.SinkRejectedException;
import io.dualrun.ingest.sink.SinkUnavailableException;
import io.dualrun.schemas.avro.OutputFingerprint;
import io.dualrun.schemas.avro.RunEvent;
import io.dualrun.schemas.json.FieldError;
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

  private static Reply events(Context ctx, IngestApi api) throws IOException {
    Parsed<List<RunEvent>> parsed = bytes(ctx, api).flatMap(api.natives()::events);
    if (!(parsed instanceof Parsed.Ok<List<RunEvent>> ok)) {
      return Reply.refusal(parsed);
    }
    List<Outgoing> records = new ArrayList<>();
    List<String> ids = new ArrayList<>();
    ok.value()
        .forEach(
            e -> {
              records.add(new Outgoing.Event(e));
              ids.add(e.getEventId());
            });
    write(api, records);
    api.metrics().stored("run-event", ids.size());
    return Reply.accepted(new Answers.Accepted(ids.size(), ids));
  }

  private static Reply fingerprints(Context ctx, IngestApi api) throws IOException {
    Parsed<List<OutputFingerprint>> parsed = bytes(ctx, api).flatMap(api.natives()::fingerprints);
    if (!(parsed instanceof Parsed.Ok<List<OutputFingerprint>> ok)) {
      return Reply.refusal(parsed);
    }
    List<Outgoing> records = new ArrayList<>();
    List<String> ids = new ArrayList<>();
    ok.value()
        .forEach(
            f -> {
              records.add(new Outgoing.Fingerprint(f));
              ids.add(f.getEventId());
            });
    write(api, records);
    api.metrics().stored("fingerprint", ids.size());
    return Reply.accepted(new Answers.Accepted(ids.size(), ids));
  }

  private static Reply lineage(Context ctx, IngestApi api) throws IOException {
    Parsed<JsonNode> parsed = bytes(ctx, api).flatMap(BodyReader::parse);
    if (!(parsed instanceof Parsed.Ok<JsonNode> ok)) {
      return Reply.refusal(parsed);
    }
    JsonNode body = ok.value();
    List<JsonNode> items = items(body);
    int max = api.natives().maxBatch();
    if (items.size() > max) {
      return Reply.refused(
          413, "the batch holds " + items.size() + " events, more than the limit of " + max);
    }
    List<Outgoing> records = new ArrayList<>();
    List<FieldError> errors = new ArrayList<>();
    int unmapped = 0;
    int ignored = 0;
    for (int i = 0; i < items.size(); i++) {
      Parsed<LineageResult> item = api.lineage().map(items.get(i));
      if (item instanceof Parsed.Ok<LineageResult> mapped) {
        LineageResult result = mapped.value();
        records.addAll(result.records());
        unmapped += result.unmapped() ? 1 : 0;
        ignored += result.ignored() ? 1 : 0;
      } else if (item instanceof Parsed.Invalid<LineageResult> invalid) {
        String prefix = body.isArray() ? "[" + i + "]" : "";
        invalid.errors().forEach(err -> errors.add(err.prefixed(prefix)));
      }
    }
    if (!errors.isEmpty()) {
      return Reply.refusal(new Parsed.Invalid<>(errors));
    }
    write(api, records);
    return Reply.accepted(lineageAnswer(api, records, unmapped, ignored));
  }

  private static Answers.LineageAccepted lineageAnswer(
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
    return new Answers.LineageAccepted(records.size(), events, fingerprints, unmapped, ignored);
  }

  private static List<JsonNode> items(JsonNode body) {
    List<JsonNode> items = new ArrayList<>();
    if (body.isArray()) {
      body.forEach(items::add);
    } else {
      items.add(body);
    }
    return items;
  }

  private static Parsed<byte[]> bytes(Context ctx, IngestApi api) throws IOException {
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
    Reply run() throws IOException;
  }

  private static void handle(Context ctx, IngestApi api, String endpoint, Work work) {
    // answers are a few kilobytes of ids or errors for a hook nearby: compressing them (Javalin
    // does for clients that accept gzip, e.g. Python requests) costs more than it saves
    ctx.disableCompression();
    Reply reply = reply(api, endpoint, work);
    reply.headers().forEach(ctx::header);
    ctx.status(reply.status()).json(reply.body());
    api.metrics().request(endpoint, reply.status());
  }

  /** The endpoint's reply; Kafka's and the request's failures as the refusals they are. */
  private static Reply reply(IngestApi api, String endpoint, Work work) {
    try {
      return work.run();
    } catch (SinkUnavailableException e) {
      LOG.warn("{}: answering 503: {}", endpoint, e.getMessage());
      long seconds = Math.max(1, api.retryAfter().toSeconds());
      return new Reply(
          503,
          Map.of("Retry-After", Long.toString(seconds)),
          Answers.Errors.of(e.getMessage() + "; nothing is acknowledged, retry"));
    } catch (SinkRejectedException e) {
      return Reply.refused(e.tooLarge() ? 413 : 500, e.getMessage());
    } catch (IOException e) {
      return Reply.refused(400, "cannot read the request: " + e.getMessage());
    } catch (RuntimeException e) {
      LOG.error("{}: unexpected failure", endpoint, e);
      return Reply.refused(500, "internal error: " + e);
    }
  }
}
