package io.dualrun.cli.demo;

import io.dualrun.hooks.fingerprint.Canonical;
import io.dualrun.schemas.avro.BucketHashes;
import io.dualrun.schemas.avro.ColumnHash;
import io.dualrun.schemas.avro.ColumnHashes;
import io.dualrun.schemas.avro.ColumnStats;
import io.dualrun.schemas.avro.ColumnType;
import io.dualrun.schemas.avro.FindingKind;
import io.dualrun.schemas.avro.OutputFingerprint;
import io.dualrun.schemas.avro.RunEvent;
import io.dualrun.schemas.avro.RunStatus;
import io.dualrun.schemas.avro.Side;
import io.dualrun.schemas.avro.Waiver;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import org.apache.avro.specific.SpecificRecord;

/**
 * The demo's recorded migration: a dozen workflows moving from cron to Airflow, one month of daily
 * partitions (2026-10-21 … 2026-11-20), recorded on 2026-11-21 at 10:00 UTC. Deterministic: the
 * same records in the same order every time. Besides clean runs and noise that must not alarm (row
 * counts within tolerance, duplicates, events of one pair out of order, retries that end equal) it
 * contains one instance or more of every finding and breach kind; see {@link #SCENARIO}.
 */
public final class SampleMigration {
  public static final LocalDate FIRST = LocalDate.parse("2026-10-21");
  public static final LocalDate LAST = LocalDate.parse("2026-11-20");
  public static final Instant RECORDED_AT = Instant.parse("2026-11-21T10:00:00Z");

  /** Buckets of every fingerprint of the recording, keyed by id. */
  static final int BUCKETS = 8;

  /** What the recording contains, workflow by workflow, for the demo's printout. */
  public static final Map<String, String> SCENARIO =
      Map.ofEntries(
          Map.entry("kpi-dashboard", "clean month (lost start events, duplicates, reordering)"),
          Map.entry(
              "customer-dim", "ROW_COUNT: candidate drops 1.5% of customers on 11-12 and 11-13"),
          Map.entry("revenue-metrics", "CONTENT on 11-05 (fixed by a rerun) and 11-18"),
          Map.entry(
              "orders-ingest",
              "STATUS: candidate fails on 11-19; 11-10 fails then a retry matches"),
          Map.entry(
              "marketing-attribution",
              "SCHEMA: candidate writes touch_ts as text from 11-15, waived"),
          Map.entry("inventory-snapshot", "COLUMN_STAT: sum(quantity) differs on 11-08"),
          Map.entry("finance-ledger", "DURATION: candidate 3x slower on the last 5 days"),
          Map.entry(
              "product-catalog", "OUTPUT_MISSING: candidate skips dw.product_images on 11-16"),
          Map.entry("payments-recon", "CANDIDATE_LATE on 11-14, closed when the candidate arrives"),
          Map.entry("churn-features", "BASELINE_LATE on 11-11, closed when the baseline arrives"),
          Map.entry("supplier-feed", "SLA_MISSED: the candidate never runs for 11-20"),
          Map.entry("email-campaigns", "mirrored since 11-12 only: too few partitions to cut over"),
          Map.entry(
              "web-sessions",
              "CONTENT from 11-17: the candidate writes touch_ts as Paris local time (a hint says"
                  + " so)"),
          Map.entry("adhoc-export", "not in the inventory: reconciled with defaults"));

  private final Random random = new Random(20261122L);

  /**
   * Workflows added to the recording later draw their hook noise from a sequence of their own, so
   * that the records of the others stay exactly as they were.
   */
  private final Map<String, Random> laterWorkflows = Map.of("web-sessions", new Random(20261204L));

  private final List<Timed> out = new ArrayList<>();
  private int sequence;

  private record Timed(Instant arrival, int order, SpecificRecord record) {}

  private SampleMigration() {}

  /**
   * The waiver the demo records before the recording is replayed: marketing-attribution's candidate
   * writes touch_ts as text, which the mart's readers accept, until the end of January.
   */
  public static Waiver waiver() {
    return Waiver.newBuilder()
        .setId("w-touch-ts-as-text")
        .setWorkflow("marketing-attribution")
        .setOutput("mart.attribution")
        .setKind(FindingKind.SCHEMA)
        .setOwner("analytics-lead@example.com")
        .setReason("touch_ts as ISO-8601 text is read by every mart reader")
        .setCreatedAt(RECORDED_AT)
        .setExpiresAt(Instant.parse("2027-02-01T00:00:00Z"))
        .setCreatedBy("demo")
        .build();
  }

  /** The recorded records in arrival order. */
  public static List<SpecificRecord> records() {
    SampleMigration m = new SampleMigration();
    m.generate();
    m.out.sort(Comparator.comparing(Timed::arrival).thenComparingInt(Timed::order));
    return m.out.stream().map(Timed::record).toList();
  }

  private void generate() {
    for (LocalDate day = FIRST; !day.isAfter(LAST); day = day.plusDays(1)) {
      String p = day.toString();
      Instant next = day.plusDays(1).atStartOfDay().toInstant(ZoneOffset.UTC);
      kpiDashboard(p, next);
      customerDim(p, next);
      revenueMetrics(p, next);
      ordersIngest(p, next);
      marketingAttribution(p, next);
      inventorySnapshot(p, next);
      financeLedger(p, next);
      productCatalog(p, next);
      paymentsRecon(p, next);
      churnFeatures(p, next);
      supplierFeed(p, next);
      webSessions(p, next);
      if (!day.isBefore(LocalDate.parse("2026-11-12"))) {
        both("email-campaigns", p, at(next, 5, 0), 12, 14, out("mart.email_stats", 8_000));
      }
      if (day.isAfter(LAST.minusDays(3))) {
        both("adhoc-export", p, at(next, 8, 0), 4, 4, out("export.partners", 900));
      }
    }
  }

  private void kpiDashboard(String p, Instant next) {
    Out o = out("reporting.kpi_daily", 100_000);
    run("kpi-dashboard", p, Side.BASELINE, 1, at(next, 6, 0), 10, RunStatus.SUCCEEDED, null, o);
    run("kpi-dashboard", p, Side.CANDIDATE, 1, at(next, 6, 3), 9, RunStatus.SUCCEEDED, null, o);
  }

  private void customerDim(String p, Instant next) {
    Out o = out("dw.dim_customer", 2_400_000);
    Out c =
        p.equals("2026-11-12") || p.equals("2026-11-13")
            ? o.rows(o.rows * 985 / 1000).changed("id", "quantity", "touch_ts", "loaded_at")
            : o;
    both("customer-dim", p, at(next, 6, 10), 25, 22, o, c);
  }

  private void revenueMetrics(String p, Instant next) {
    Out daily = out("analytics.revenue_daily", 5_200);
    Out country = out("analytics.revenue_by_country", 240);
    boolean bad = p.equals("2026-11-05") || p.equals("2026-11-18");
    Instant start = at(next, 6, 20);
    run(
        "revenue-metrics",
        p,
        Side.BASELINE,
        1,
        start,
        15,
        RunStatus.SUCCEEDED,
        null,
        daily,
        country);
    Out wrong = daily.changed("amount").bucket(3).sum("amount", "1283311.40");
    run(
        "revenue-metrics",
        p,
        Side.CANDIDATE,
        1,
        start.plusSeconds(180),
        14,
        RunStatus.SUCCEEDED,
        null,
        bad ? wrong : daily,
        country);
    if (p.equals("2026-11-05")) {
      // the on-call engineer reruns the candidate at noon: attempt 2 matches
      run(
          "revenue-metrics",
          p,
          Side.CANDIDATE,
          2,
          at(next, 12, 0),
          14,
          RunStatus.SUCCEEDED,
          null,
          daily,
          country);
    }
  }

  private void ordersIngest(String p, Instant next) {
    Out o = out("raw.orders", 310_000);
    Instant start = at(next, 6, 30);
    run("orders-ingest", p, Side.BASELINE, 1, start, 8, RunStatus.SUCCEEDED, null, o);
    if (p.equals("2026-11-10")) {
      run(
          "orders-ingest",
          p,
          Side.CANDIDATE,
          1,
          start.plusSeconds(60),
          3,
          RunStatus.FAILED,
          "extract_orders");
      run(
          "orders-ingest",
          p,
          Side.CANDIDATE,
          2,
          start.plusSeconds(600),
          7,
          RunStatus.SUCCEEDED,
          null,
          o);
    } else if (p.equals("2026-11-19")) {
      run(
          "orders-ingest",
          p,
          Side.CANDIDATE,
          1,
          start.plusSeconds(60),
          4,
          RunStatus.FAILED,
          "load_orders");
    } else {
      run(
          "orders-ingest",
          p,
          Side.CANDIDATE,
          1,
          start.plusSeconds(60),
          7,
          RunStatus.SUCCEEDED,
          null,
          o);
    }
  }

  private void marketingAttribution(String p, Instant next) {
    Out o = out("mart.attribution", 45_000);
    Out c = p.compareTo("2026-11-15") >= 0 ? o.type("touch_ts", "text") : o;
    both("marketing-attribution", p, at(next, 6, 40), 18, 16, o, c);
  }

  private void inventorySnapshot(String p, Instant next) {
    Out o = out(DemoTable.OUTPUT, 88_000);
    Out c = o;
    if (p.equals(DemoTable.PARTITION)) {
      // the rows the demo's side agents hold: the drill-down finds the three that differ
      o = o.measured(DemoTable.fingerprint(false));
      c = o.measured(DemoTable.fingerprint(true));
    }
    both("inventory-snapshot", p, at(next, 6, 50), 11, 10, o, c);
  }

  private void financeLedger(String p, Instant next) {
    Out o = out("ledger.entries", 1_900_000);
    int candidateMinutes = p.compareTo("2026-11-16") >= 0 ? 60 : 21;
    both("finance-ledger", p, at(next, 9, 0), 20, candidateMinutes, o, o);
  }

  private void productCatalog(String p, Instant next) {
    Out products = out("dw.products", 52_000);
    Out images = out("dw.product_images", 310_000);
    Instant start = at(next, 6, 15);
    run(
        "product-catalog",
        p,
        Side.BASELINE,
        1,
        start,
        9,
        RunStatus.SUCCEEDED,
        null,
        products,
        images);
    if (p.equals("2026-11-16")) {
      run(
          "product-catalog",
          p,
          Side.CANDIDATE,
          1,
          start.plusSeconds(120),
          8,
          RunStatus.SUCCEEDED,
          null,
          products);
    } else {
      run(
          "product-catalog",
          p,
          Side.CANDIDATE,
          1,
          start.plusSeconds(120),
          8,
          RunStatus.SUCCEEDED,
          null,
          products,
          images);
    }
  }

  private void paymentsRecon(String p, Instant next) {
    Out o = out("fin.payments_recon", 61_000);
    Instant start = at(next, 7, 0);
    run("payments-recon", p, Side.BASELINE, 1, start, 12, RunStatus.SUCCEEDED, null, o);
    Instant candidateStart = p.equals("2026-11-14") ? at(next, 9, 50) : start.plusSeconds(120);
    run("payments-recon", p, Side.CANDIDATE, 1, candidateStart, 11, RunStatus.SUCCEEDED, null, o);
  }

  private void churnFeatures(String p, Instant next) {
    Out o = out("ml.churn_features", 730_000);
    Instant start = at(next, 6, 20);
    Instant baselineStart = p.equals("2026-11-11") ? at(next, 8, 45) : start;
    run("churn-features", p, Side.BASELINE, 1, baselineStart, 14, RunStatus.SUCCEEDED, null, o);
    run(
        "churn-features",
        p,
        Side.CANDIDATE,
        1,
        start.plusSeconds(60),
        12,
        RunStatus.SUCCEEDED,
        null,
        o);
  }

  private void supplierFeed(String p, Instant next) {
    Out o = out("raw.supplier_feed", 12_000);
    Instant start = at(next, 6, 5);
    run("supplier-feed", p, Side.BASELINE, 1, start, 6, RunStatus.SUCCEEDED, null, o);
    if (!p.equals(LAST.toString())) {
      run(
          "supplier-feed",
          p,
          Side.CANDIDATE,
          1,
          start.plusSeconds(90),
          6,
          RunStatus.SUCCEEDED,
          null,
          o);
    }
  }

  /**
   * From 11-17 the candidate writes touch_ts as naive Paris local time, read as UTC: every session
   * an hour later (winter), in that column only.
   */
  private void webSessions(String p, Instant next) {
    Out o =
        out("web.sessions", 420_000)
            .stats("touch_ts", p + "T00:00:04.000000Z", p + "T23:59:57.000000Z");
    Out c = p.compareTo("2026-11-17") >= 0 ? o.shifted("touch_ts", Duration.ofHours(1)) : o;
    both("web-sessions", p, at(next, 5, 30), 9, 8, o, c);
  }

  private void both(String wf, String p, Instant start, int baseMin, int candMin, Out... outputs) {
    run(wf, p, Side.BASELINE, 1, start, baseMin, RunStatus.SUCCEEDED, null, outputs);
    run(
        wf,
        p,
        Side.CANDIDATE,
        1,
        start.plusSeconds(150),
        candMin,
        RunStatus.SUCCEEDED,
        null,
        outputs);
  }

  private void both(
      String wf, String p, Instant start, int baseMin, int candMin, Out base, Out cand) {
    run(wf, p, Side.BASELINE, 1, start, baseMin, RunStatus.SUCCEEDED, null, base);
    run(wf, p, Side.CANDIDATE, 1, start.plusSeconds(150), candMin, RunStatus.SUCCEEDED, null, cand);
  }

  private void run(
      String wf,
      String p,
      Side side,
      int attempt,
      Instant start,
      int minutes,
      RunStatus end,
      String failedTask,
      Out... outputs) {
    boolean baseline = side == Side.BASELINE;
    String orchestrator = baseline ? "cron" : "airflow";
    String runId = baseline ? "cron-" + wf + "-" + p : "scheduled__" + p + "T00:00:00+00:00";
    String logUrl =
        baseline
            ? "https://logs.example.com/cron/" + wf + "/" + p + ".log"
            : "https://airflow.example.com/dags/" + wf.replace('-', '_') + "/grid?run_id=" + runId;
    Instant finish = start.plus(Duration.ofMinutes(minutes));
    RunEvent.Builder base =
        RunEvent.newBuilder()
            .setWorkflow(wf)
            .setPartition(p)
            .setSide(side)
            .setOrchestrator(orchestrator)
            .setRunId(runId)
            .setAttempt(attempt)
            .setLogUrl(logUrl)
            .setAttributes(Map.of());
    // hooks lose events: some runs report only their completion
    Random random = laterWorkflows.getOrDefault(wf, this.random);
    boolean lostStart = random.nextInt(10) == 0;
    if (!lostStart) {
      emit(start, event(base, "start", RunStatus.STARTED, start, null, null));
    }
    if (failedTask != null) {
      String error =
          failedTask.startsWith("extract")
              ? "HTTP 503 from orders-api after 5 retries"
              : "duplicate key value violates unique constraint \"orders_pkey\"";
      emit(
          finish.minusSeconds(5),
          event(
              base,
              "task-" + failedTask,
              RunStatus.FAILED,
              finish.minusSeconds(5),
              failedTask,
              error));
    }
    RunEvent terminal =
        event(
            base,
            "end",
            end,
            finish,
            null,
            failedTask == null ? null : "task " + failedTask + " failed");
    for (Out o : outputs) {
      emit(
          finish.minusSeconds(30),
          o.fingerprint(
              wf,
              p,
              side,
              runId,
              attempt,
              finish.minusSeconds(30),
              id(wf, p, side, attempt, "fp-" + o.name)));
    }
    // the completion sometimes overtakes the fingerprints and the start
    Instant arrival = random.nextInt(6) == 0 ? start.minusSeconds(1) : finish;
    emit(arrival, terminal);
    if (random.nextInt(7) == 0) {
      emit(finish.plusSeconds(20), terminal); // a hook retry: same eventId
    }
  }

  private RunEvent event(
      RunEvent.Builder base,
      String what,
      RunStatus status,
      Instant time,
      String task,
      String error) {
    RunEvent e =
        RunEvent.newBuilder(base)
            .setEventId(
                id(
                    base.getWorkflow(),
                    base.getPartition(),
                    base.getSide(),
                    base.getAttempt(),
                    what))
            .setStatus(status)
            .setEventTime(time)
            .setTask(task)
            .setError(error)
            .build();
    return e;
  }

  private static String id(String wf, String p, Side side, int attempt, String what) {
    return wf + "/" + p + "/" + side.name().toLowerCase(Locale.ROOT) + "/" + attempt + "/" + what;
  }

  private void emit(Instant arrival, SpecificRecord record) {
    out.add(new Timed(arrival, sequence++, record));
  }

  private static Instant at(Instant day, int hour, int minute) {
    return day.plus(Duration.ofHours(hour)).plus(Duration.ofMinutes(minute));
  }

  private Out out(String name, long rows) {
    long hash = name.hashCode() * 0x9E3779B97F4A7C15L;
    return new Out(name, rows, hash, Map.of(), Map.of(), -1, java.util.Set.of(), Map.of(), null);
  }

  /**
   * An output's content as the fingerprint would describe it; {@code differs}: the columns whose
   * values differ from the other side's (their column hashes differ).
   */
  private record Out(
      String name,
      long rows,
      long hash,
      Map<String, String> types,
      Map<String, String> sums,
      int badBucket,
      java.util.Set<String> differs,
      Map<String, List<String>> extremes,
      io.dualrun.hooks.fingerprint.FingerprintResult measured) {

    /** The fingerprint of real rows: the recording carries it as it is. */
    Out measured(io.dualrun.hooks.fingerprint.FingerprintResult result) {
      return new Out(
          name, result.rowCount(), hash, types, sums, badBucket, differs, extremes, result);
    }

    Out rows(long n) {
      return new Out(name, n, hash + n, types, sums, badBucket, differs, extremes, measured);
    }

    /** {@code column}'s min and max (canonical timestamps) in the stats. */
    Out stats(String column, String min, String max) {
      Map<String, List<String>> e = new java.util.HashMap<>(extremes);
      e.put(column, List.of(min, max));
      return new Out(name, rows, hash, types, sums, badBucket, differs, Map.copyOf(e), measured);
    }

    /** Every timestamp of {@code column} moved by {@code by}: its hash, min and max change. */
    Out shifted(String column, Duration by) {
      List<String> e = extremes.get(column);
      return changed(column)
          .stats(
              column,
              Canonical.timestamp(Instant.parse(e.get(0)).plus(by)),
              Canonical.timestamp(Instant.parse(e.get(1)).plus(by)));
    }

    /** Different content, in {@code columns} (rows missing or added: in every column). */
    Out changed(String... columns) {
      return new Out(
          name,
          rows,
          hash ^ 0x5bd1e995L,
          types,
          sums,
          badBucket < 0 ? 5 : badBucket,
          java.util.Set.of(columns),
          extremes,
          measured);
    }

    Out bucket(int b) {
      return new Out(name, rows, hash, types, sums, b, differs, extremes, measured);
    }

    Out type(String column, String type) {
      Map<String, String> t = new java.util.HashMap<>(types);
      t.put(column, type);
      return new Out(name, rows, hash, Map.copyOf(t), sums, badBucket, differs, extremes, measured);
    }

    Out sum(String column, String value) {
      Map<String, String> s = new java.util.HashMap<>(sums);
      s.put(column, value);
      return new Out(
          name, rows, hash, types, Map.copyOf(s), badBucket, differs, extremes, measured);
    }

    OutputFingerprint fingerprint(
        String wf, String p, Side side, String runId, int attempt, Instant time, String eventId) {
      OutputFingerprint.Builder identity =
          OutputFingerprint.newBuilder()
              .setEventId(eventId)
              .setWorkflow(wf)
              .setPartition(p)
              .setSide(side)
              .setRunId(runId)
              .setAttempt(attempt)
              .setOutput(name)
              .setEventTime(time);
      if (measured != null) {
        return identity
            .setRowCount(measured.rowCount())
            .setContentHash(measured.contentHash())
            .setSchema$(measured.schema())
            .setColumns(measured.columns())
            .setBuckets(measured.buckets())
            .setColumnHashes(measured.columnHashes())
            .build();
      }
      long dayHash = hash + p.hashCode() * 31L;
      List<ColumnType> schema = new ArrayList<>();
      for (String[] c : columns()) {
        schema.add(new ColumnType(c[0], types.getOrDefault(c[0], c[1])));
      }
      List<ColumnStats> stats =
          new ArrayList<>(
              List.of(
                  new ColumnStats("id", 0L, "1", Long.toString(rows), null),
                  new ColumnStats(
                      statColumn(),
                      0L,
                      "0",
                      "9999",
                      sums.getOrDefault(statColumn(), defaultSum(p)))));
      new java.util.TreeMap<>(extremes)
          .forEach((c, e) -> stats.add(new ColumnStats(c, 0L, e.get(0), e.get(1), null)));
      List<Long> counts = new ArrayList<>();
      List<String> hashes = new ArrayList<>();
      for (int b = 0; b < BUCKETS; b++) {
        counts.add(rows / BUCKETS + (b < rows % BUCKETS ? 1 : 0));
        long bh = (name.hashCode() * 31L + p.hashCode()) * (b + 7) + (b == badBucket ? 1 : 0);
        hashes.add(String.format("%016x", bh));
      }
      return identity
          .setRowCount(rows)
          .setContentHash(String.format("%016x", dayHash))
          .setSchema$(schema)
          .setColumns(stats)
          .setBuckets(new BucketHashes(List.of("id"), counts, hashes))
          .setColumnHashes(new ColumnHashes(List.of("id"), columnHashes(p)))
          .build();
    }

    /** Keyed by id, as `dualrun fingerprint --bucket-key id` makes them. */
    private List<ColumnHash> columnHashes(String p) {
      List<ColumnHash> out = new ArrayList<>();
      for (String[] c : columns()) {
        long h = (name.hashCode() * 31L + p.hashCode()) * (c[0].hashCode() | 1);
        out.add(
            new ColumnHash(
                c[0], String.format("%016x", differs.contains(c[0]) ? h ^ 0x5bd1e995L : h)));
      }
      return out;
    }

    private String statColumn() {
      return name.contains("revenue") ? "amount" : "quantity";
    }

    private String defaultSum(String p) {
      return Long.toString(
          1_000_000L + Math.floorMod(p.hashCode() * 7919L + name.hashCode(), 500_000L));
    }

    private String[][] columns() {
      return new String[][] {
        {"id", "integer"},
        {statColumn(), "decimal"},
        {"touch_ts", "timestamp"},
        {"loaded_at", "timestamp"}
      };
    }
  }
}
