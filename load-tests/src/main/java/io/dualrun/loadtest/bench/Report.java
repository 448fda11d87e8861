package io.dualrun.loadtest.bench;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/** The markdown report of a benchmark run. */
final class Report {
  static final String NOTES =
      """
      Notes:

      * Recovery: pairs that each received one STARTED event (live mode: none is decided or purged). \
      Each restart is timed from start-up until pairs of every input partition answer on \
      `/v1/pairs`; the instance before it stopped cleanly and left its consumer group. Without local \
      state every pair is restored from the changelog topics; the second baseline is a plain \
      consumer reading those topics.
      * Memory: one JVM holds ingest, the reconciler (RocksDB off-heap included) and alerting, with \
      the JVM's default maximum heap; broker and registry run in their own JVMs.
      * Detection latency includes the reconciler's and alerting's exactly-once commit intervals and \
      alerting's tick; the alerting group wait is 0.

      """;

  private Report() {}

  static String render(
      BenchmarkSuite.Options o,
      List<Figure> figures,
      LatencyBench.Result latency,
      Instant start,
      Instant end) {
    StringBuilder s = new StringBuilder("# dualrun benchmark report\n\n");
    s.append("Command:\n\n```\n")
        .append(o.command().isBlank() ? "(see load-tests/README.md)" : o.command())
        .append("\n```\n\n");
    s.append("Run ").append(start).append(" → ").append(end).append(" (");
    s.append(Duration.between(start, end).toSeconds()).append(" s) on ");
    s.append(Runtime.getRuntime().availableProcessors())
        .append(" CPUs, Java ")
        .append(System.getProperty("java.version"));
    s.append(
        ". Broker, registry, services and load generator share the machine, so absolute figures");
    s.append(" are noisy: read the ratios to the same-run baselines.\n\n");
    s.append("Scale: replay of ")
        .append(o.days())
        .append(" daily partitions × ")
        .append(o.workflows());
    s.append(" workflows; ingest benchmark ")
        .append(o.ingestWorkflows())
        .append(" workflows × 10 days; ");
    s.append(o.latencySamples())
        .append(" latency samples at 20/s; ")
        .append(o.partitions())
        .append(" topic partitions; recovery with ")
        .append(String.format(java.util.Locale.ROOT, "%,d", o.openPairs()))
        .append(" open pairs.\n\n");
    s.append("| figure | value | same-run baseline | ratio |\n|---|---|---|---|\n");
    figures.forEach(f -> s.append(f.row()).append('\n'));
    s.append("\nLatency samples whose alert never arrived: ").append(latency.lost()).append(" of ");
    s.append(latency.detection().getTotalCount() + latency.lost()).append(".\n\n");
    s.append(NOTES);
    s.append("![throughput](throughput.png)\n\n![latency](latency.png)\n");
    return s.toString();
  }
}
