package io.dualrun.reconciler.bench;

import io.dualrun.schemas.avro.ColumnStats;
import io.dualrun.schemas.avro.ColumnType;
import io.dualrun.schemas.avro.OutputFingerprint;
import io.dualrun.schemas.avro.RunEvent;
import io.dualrun.schemas.avro.RunStatus;
import io.dualrun.schemas.avro.Side;
import io.dualrun.schemas.topic.TopicCatalog;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * The benchmark's generated history: {@code workflows} daily workflows (every other one scheduled)
 * over {@code days} days; per pair and side a STARTED and a SUCCEEDED event and two fingerprints;
 * every tenth pair re-sends one record (a duplicate).
 */
final class BenchRecords {
  static final LocalDate FIRST_DAY = LocalDate.parse("2026-09-01");

  private final int workflows;
  private final int days;

  BenchRecords(int workflows, int days) {
    this.workflows = workflows;
    this.days = days;
  }

  int pairs() {
    return workflows * days;
  }

  static String workflow(int w) {
    return String.format("bench-wf-%04d", w);
  }

  String inventoryYaml() {
    StringBuilder y = new StringBuilder();
    y.append("defaults:\n  settle: 3h\n  grace: 1h\n  sla: 4h\n  timezone: UTC\n")
        .append("  granularity: day\nworkflows:\n");
    for (int w = 0; w < workflows; w++) {
      y.append("  ").append(workflow(w)).append(":\n    owner: bench\n    tier: 2\n");
      if (w % 2 == 0) {
        y.append("    schedule: {cron: \"0 2 * * *\", partitionOffset: -1d}\n");
        y.append("    sla: 4h\n    grace: 8h\n    settle: 8h\n");
      }
      y.append("    baseline: {orchestrator: cron, job: j")
          .append(w)
          .append(".sh, partitionOffset: -1d}\n    candidate: {orchestrator: airflow, job: j")
          .append(w)
          .append("}\n    outputs:\n      - name: facts\n      - name: summary\n");
    }
    return y.toString();
  }

  /** Sends every record, day by day in event-time order; returns how many. */
  long send(KafkaProducer<String, Object> producer) {
    long count = 0;
    for (int d = 0; d < days; d++) {
      List<Object> day = new ArrayList<>();
      for (int w = 0; w < workflows; w++) {
        day.addAll(pair(w, d));
      }
      day.sort(Comparator.comparing(BenchRecords::time));
      for (Object r : day) {
        producer.send(record(r));
        count++;
      }
    }
    producer.flush();
    return count;
  }

  private List<Object> pair(int w, int d) {
    String wf = workflow(w);
    String partition = FIRST_DAY.plusDays(d).toString();
    Instant run = FIRST_DAY.plusDays(d + 1L).atTime(2, 0).toInstant(ZoneOffset.UTC);
    String id = wf + "/" + partition;
    List<Object> out = new ArrayList<>();
    for (Side side : Side.values()) {
      long offset = side == Side.BASELINE ? 0 : 30 + w % 60;
      out.add(event(id + "/" + side + "/s", wf, partition, side, RunStatus.STARTED, run));
      Instant end = run.plusSeconds(1_200 + offset);
      out.add(event(id + "/" + side + "/e", wf, partition, side, RunStatus.SUCCEEDED, end));
      out.add(fingerprint(id + "/" + side + "/f1", wf, partition, side, "facts", end));
      out.add(fingerprint(id + "/" + side + "/f2", wf, partition, side, "summary", end));
    }
    if ((w + d) % 10 == 0) {
      out.add(out.get(1));
    }
    return out;
  }

  private static RunEvent event(
      String id, String wf, String partition, Side side, RunStatus status, Instant time) {
    return RunEvent.newBuilder()
        .setEventId(id)
        .setWorkflow(wf)
        .setPartition(partition)
        .setSide(side)
        .setOrchestrator(side == Side.BASELINE ? "cron" : "airflow")
        .setRunId(side.name().toLowerCase() + "-" + wf + "-" + partition)
        .setAttempt(1)
        .setStatus(status)
        .setEventTime(time)
        .setTask(null)
        .setError(null)
        .setLogUrl(null)
        .setAttributes(new HashMap<>())
        .build();
  }

  private static OutputFingerprint fingerprint(
      String id, String wf, String partition, Side side, String output, Instant time) {
    return OutputFingerprint.newBuilder()
        .setEventId(id)
        .setWorkflow(wf)
        .setPartition(partition)
        .setSide(side)
        .setRunId(side.name().toLowerCase() + "-" + wf + "-" + partition)
        .setAttempt(1)
        .setOutput(output)
        .setEventTime(time)
        .setRowCount(1_000)
        .setContentHash("00000000000000aa")
        .setSchema$(
            new ArrayList<>(
                List.of(new ColumnType("id", "integer"), new ColumnType("amount", "decimal"))))
        .setColumns(
            new ArrayList<>(
                List.of(
                    new ColumnStats("id", 0L, "1", "1000", null),
                    new ColumnStats("amount", 0L, "0.5", "99.5", "1000.00"))))
        .setBuckets(null)
        .build();
  }

  private static Instant time(Object r) {
    return r instanceof RunEvent e ? e.getEventTime() : ((OutputFingerprint) r).getEventTime();
  }

  private static ProducerRecord<String, Object> record(Object r) {
    if (r instanceof RunEvent e) {
      return new ProducerRecord<>(
          TopicCatalog.RUN_EVENTS, e.getWorkflow() + "/" + e.getPartition(), e);
    }
    OutputFingerprint f = (OutputFingerprint) r;
    return new ProducerRecord<>(
        TopicCatalog.FINGERPRINTS, f.getWorkflow() + "/" + f.getPartition(), f);
  }
}
