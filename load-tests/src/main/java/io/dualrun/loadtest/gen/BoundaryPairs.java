package io.dualrun.loadtest.gen;

import io.dualrun.schemas.avro.OutputFingerprint;
import io.dualrun.schemas.avro.RunEvent;
import io.dualrun.schemas.avro.RunStatus;
import io.dualrun.schemas.avro.Side;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.common.utils.Utils;

/**
 * Matching pairs of the uninventoried workflow {@value #WORKFLOW} placed on every input partition,
 * before the first run (so every reconciler task starts its event-time clock, and its schedule
 * scan, before the first deadline) and after the last one (so event time passes every settle, grace
 * and SLA deadline of the generated history, but not the next scheduled fire's).
 */
final class BoundaryPairs {
  static final String WORKFLOW = "lt-boundary";
  static final String OUTPUT = WORKFLOW + ".out";

  private BoundaryPairs() {}

  /** Partitions ({@code start-N} / {@code end-N}) whose keys cover every input partition. */
  static List<String> partitions(String prefix, int inputPartitions) {
    String[] chosen = new String[inputPartitions];
    int found = 0;
    for (int n = 0; found < inputPartitions; n++) {
      String partition = prefix + "-" + n;
      byte[] key = (WORKFLOW + "/" + partition).getBytes(StandardCharsets.UTF_8);
      int p = Utils.toPositive(Utils.murmur2(key)) % inputPartitions;
      if (chosen[p] == null) {
        chosen[p] = partition;
        found++;
      }
    }
    return List.of(chosen);
  }

  static List<Timed> start(LocalDate firstDay, int inputPartitions, long seqBase) {
    long t = firstDay.plusDays(1).atStartOfDay().toInstant(ZoneOffset.UTC).toEpochMilli();
    return records(partitions("start", inputPartitions), t, seqBase);
  }

  static List<Timed> end(LocalDate lastDay, int inputPartitions, long seqBase) {
    long t =
        lastDay.plusDays(1).atStartOfDay().plusHours(20).toInstant(ZoneOffset.UTC).toEpochMilli();
    return records(partitions("end", inputPartitions), t, seqBase);
  }

  private static List<Timed> records(List<String> partitions, long t, long seqBase) {
    List<Timed> out = new ArrayList<>();
    long seq = seqBase;
    for (String partition : partitions) {
      for (Side side : Side.values()) {
        String runId = side.name().toLowerCase(java.util.Locale.ROOT) + "-" + partition;
        out.add(new Timed(t, seq++, event(partition, side, runId, RunStatus.STARTED, t)));
        out.add(
            new Timed(
                t + 60_000, seq++, event(partition, side, runId, RunStatus.SUCCEEDED, t + 60_000)));
        out.add(new Timed(t + 61_000, seq++, fingerprint(partition, side, runId, t + 61_000)));
      }
    }
    return out;
  }

  private static RunEvent event(
      String partition, Side side, String runId, RunStatus status, long at) {
    return RunEvent.newBuilder()
        .setEventId(id(partition, side, status.name()))
        .setWorkflow(WORKFLOW)
        .setPartition(partition)
        .setSide(side)
        .setOrchestrator(side == Side.BASELINE ? "cron" : "airflow")
        .setRunId(runId)
        .setAttempt(1)
        .setStatus(status)
        .setEventTime(Instant.ofEpochMilli(at))
        .setAttributes(Map.of())
        .build();
  }

  private static OutputFingerprint fingerprint(String partition, Side side, String runId, long at) {
    return OutputFingerprint.newBuilder()
        .setEventId(id(partition, side, "fingerprint"))
        .setWorkflow(WORKFLOW)
        .setPartition(partition)
        .setSide(side)
        .setRunId(runId)
        .setAttempt(1)
        .setOutput(OUTPUT)
        .setEventTime(Instant.ofEpochMilli(at))
        .setRowCount(42)
        .setContentHash("000000000000002a")
        .build();
  }

  private static String id(String partition, Side side, String what) {
    String name = WORKFLOW + "/" + partition + "|" + side + "|" + what;
    return UUID.nameUUIDFromBytes(name.getBytes(StandardCharsets.UTF_8)).toString();
  }
}
