package io.dualrun.reconciler.rest;

import io.dualrun.inventory.CutoverWaves;
import io.dualrun.inventory.WorkflowSpec;
import io.javalin.Javalin;
import io.javalin.http.Context;
import java.util.ArrayList;
import java.util.List;

/**
 * The reconciler's HTTP endpoints (Javalin): {@code GET /v1/pairs/{workflow}/{partition}}, {@code
 * GET /v1/workflows}, {@code GET /v1/workflows/{workflow}/partitions}, {@code GET
 * /v1/workflows/{workflow}/suggestions}, {@code GET /v1/readiness}, {@code GET
 * /v1/readiness/{workflow}}, {@code GET /v1/waves}, and the instance-to-instance {@code GET
 * /internal/v1/reconciler/digest}. JSON field names are camelCase.
 */
public final class ReconcilerRoutes {
  public static final String DIGEST_PATH = "/internal/v1/reconciler/digest";

  /** Names the instances whose pairs a list answer took from standby copies. */
  public static final String STALE_HEADER = "X-Dualrun-Stale-From";

  private ReconcilerRoutes() {}

  public static void routes(Javalin app, PairQueries queries) {
    routes(app, queries, java.util.Set::of);
  }

  /** Same, {@code cutOver} naming the workflows whose candidate is primary (for the waves). */
  public static void routes(
      Javalin app,
      PairQueries queries,
      java.util.function.Supplier<java.util.Set<String>> cutOver) {
    app.get("/v1/pairs/{workflow}/{partition}", ctx -> pair(ctx, queries));
    app.get(
        "/v1/workflows",
        ctx -> ctx.json(WorkflowSummaries.all(digests(ctx, queries).rows(), queries.inventory())));
    app.get("/v1/workflows/{workflow}/partitions", ctx -> partitions(ctx, queries));
    app.get("/v1/workflows/{workflow}/suggestions", ctx -> suggestions(ctx, queries));
    app.get("/v1/readiness", ctx -> readiness(ctx, queries, null));
    app.get("/v1/readiness/{workflow}", ctx -> readiness(ctx, queries, ctx.pathParam("workflow")));
    app.get("/v1/waves", ctx -> waves(ctx, queries, cutOver.get()));
    app.get(
        DIGEST_PATH, ctx -> ctx.json(queries.localDigest("true".equals(ctx.queryParam("stale")))));
    app.exception(
        PairQueries.Unavailable.class,
        (e, ctx) ->
            ctx.status(503).header("Retry-After", "2").json(PairQueries.error(e.getMessage())));
    app.exception(
        org.apache.kafka.streams.errors.InvalidStateStoreException.class,
        (e, ctx) ->
            ctx.status(503)
                .header("Retry-After", "2")
                .json(
                    PairQueries.error(
                        "state is moving between instances (rebalance or restore); retry shortly")));
    app.exception(
        java.io.IOException.class,
        (e, ctx) ->
            ctx.status(503)
                .header("Retry-After", "2")
                .json(PairQueries.error("another instance " + Peers.describe(e))));
  }

  /**
   * Every instance's digest; when some could not give their active pairs (down, or a rebalance
   * moving their state), those pairs come from the copies still readable and the answer carries
   * {@value #STALE_HEADER} naming them.
   */
  static PairQueries.Digests digests(Context ctx, PairQueries queries) {
    PairQueries.Digests d = queries.allDigests(ctx.header("Authorization"));
    if (!d.staleFor().isEmpty()) {
      ctx.header(STALE_HEADER, String.join(",", d.staleFor()));
    }
    return d;
  }

  private static void pair(Context ctx, PairQueries queries) throws java.io.IOException {
    String workflow = ctx.pathParam("workflow");
    String partition = ctx.pathParam("partition");
    boolean forwarded = ctx.header(Peers.FORWARDED) != null;
    boolean staleOk = ctx.header(Peers.STALE_OK) != null;
    var pair = queries.pair(workflow, partition, forwarded, staleOk, ctx.header("Authorization"));
    if (pair.isEmpty()) {
      ctx.status(404)
          .json(
              PairQueries.error(
                  "no pair "
                      + workflow
                      + "/"
                      + partition
                      + " is known (no record has arrived for it, or it was purged after the retention period)"));
    } else {
      ctx.json(pair.get());
    }
  }

  /** The pairs of one workflow held by any instance, newest partition first. */
  private static void partitions(Context ctx, PairQueries queries) throws java.io.IOException {
    String workflow = ctx.pathParam("workflow");
    List<PartitionRow> out =
        digests(ctx, queries).rows().stream()
            .filter(r -> r.workflow().equals(workflow))
            .sorted(java.util.Comparator.comparing(DigestRow::partition).reversed())
            .map(r -> new PartitionRow(r.partition(), r.outcome(), r.openBreaches()))
            .toList();
    if (out.isEmpty() && queries.inventory().workflow(workflow).isEmpty()) {
      ctx.status(404)
          .json(
              PairQueries.error(
                  "workflow " + workflow + " is neither in the inventory nor in any pair"));
      return;
    }
    ctx.json(out);
  }

  /** Learned noise of one workflow: see {@link NoiseSuggestions}; {@code ?last=N} (2 to 100). */
  private static void suggestions(Context ctx, PairQueries queries) throws java.io.IOException {
    String workflow = ctx.pathParam("workflow");
    String lastParam = ctx.queryParam("last");
    int last;
    try {
      last = lastParam == null ? NoiseSuggestions.DEFAULT_LAST : Integer.parseInt(lastParam);
    } catch (NumberFormatException e) {
      last = -1;
    }
    if (last < 2 || last > 100) {
      ctx.status(400)
          .json(PairQueries.error("last: must be a whole number from 2 to 100, got " + lastParam));
      return;
    }
    List<DigestRow> rows =
        digests(ctx, queries).rows().stream().filter(r -> r.workflow().equals(workflow)).toList();
    if (rows.isEmpty() && queries.inventory().workflow(workflow).isEmpty()) {
      ctx.status(404)
          .json(
              PairQueries.error(
                  "workflow " + workflow + " is neither in the inventory nor in any pair"));
      return;
    }
    ctx.json(
        NoiseSuggestions.json(
            NoiseSuggestions.of(queries.inventory().rules(workflow), rows, last)));
  }

  private static void readiness(Context ctx, PairQueries queries, String only)
      throws java.io.IOException {
    var grouped = WorkflowSummaries.byWorkflow(digests(ctx, queries).rows(), queries.inventory());
    if (only != null) {
      List<DigestRow> rows = grouped.get(only);
      if (rows == null) {
        ctx.status(404)
            .json(
                PairQueries.error(
                    "workflow " + only + " is neither in the inventory nor in any pair"));
        return;
      }
      ctx.json(Readiness.of(queries.inventory().rules(only), rows));
      return;
    }
    List<ReadinessReport> out = new ArrayList<>();
    grouped.forEach((id, rows) -> out.add(Readiness.of(queries.inventory().rules(id), rows)));
    ctx.json(out);
  }

  /**
   * Cutover waves of the declared workflows, from their datasets (declared, and seen in their
   * pairs: OpenLineage inputs and outputs, announced and fingerprinted outputs) and readiness.
   */
  private static void waves(Context ctx, PairQueries queries, java.util.Set<String> cutOver)
      throws java.io.IOException {
    List<DigestRow> all = digests(ctx, queries).rows();
    var grouped = WorkflowSummaries.byWorkflow(all, queries.inventory());
    java.util.Map<String, String> status = new java.util.HashMap<>();
    for (WorkflowSpec spec : queries.inventory().workflows()) {
      List<DigestRow> rows = grouped.getOrDefault(spec.id(), List.of());
      status.put(spec.id(), Readiness.of(spec, rows).status());
    }
    ctx.json(CutoverWaves.plan(queries.inventory().workflows(), observed(all), status, cutOver));
  }

  /** The datasets each workflow's pairs show it read and wrote. */
  static CutoverWaves.Observed observed(List<DigestRow> rows) {
    java.util.Map<String, java.util.Set<String>> reads = new java.util.HashMap<>();
    java.util.Map<String, java.util.Set<String>> writes = new java.util.HashMap<>();
    for (DigestRow r : rows) {
      if (!r.reads().isEmpty()) {
        reads.computeIfAbsent(r.workflow(), w -> new java.util.TreeSet<>()).addAll(r.reads());
      }
      if (!r.writes().isEmpty()) {
        writes.computeIfAbsent(r.workflow(), w -> new java.util.TreeSet<>()).addAll(r.writes());
      }
    }
    return new CutoverWaves.Observed(reads, writes);
  }
}
