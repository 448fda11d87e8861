package io.dualrun.schemas;

import io.dualrun.schemas.avro.BucketHashes;
import io.dualrun.schemas.avro.ColumnStats;
import io.dualrun.schemas.avro.ColumnType;
import io.dualrun.schemas.avro.OutputFingerprint;
import io.dualrun.schemas.avro.RunEvent;
import io.dualrun.schemas.avro.RunStatus;
import io.dualrun.schemas.avro.Side;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** Realistic sample records for tests. */
public final class Records {
  private Records() {}

  public static RunEvent runEvent() {
    return RunEvent.newBuilder()
        .setEventId("ev-1")
        .setWorkflow("revenue-daily")
        .setPartition("2026-11-20")
        .setSide(Side.CANDIDATE)
        .setOrchestrator("airflow")
        .setRunId("scheduled__2026-11-20T00:00:00+00:00")
        .setAttempt(2)
        .setStatus(RunStatus.FAILED)
        .setEventTime(Instant.parse("2026-11-21T07:31:12.250Z"))
        .setTask("load_revenue")
        .setError("division by zero")
        .setLogUrl("http://airflow/log?dag=revenue_daily")
        .setAttributes(Map.of("host", "worker-3"))
        .build();
  }

  public static OutputFingerprint fingerprint() {
    return OutputFingerprint.newBuilder()
        .setEventId("fp-1")
        .setWorkflow("revenue-daily")
        .setPartition("2026-11-20")
        .setSide(Side.BASELINE)
        .setRunId("cron-4711")
        .setAttempt(1)
        .setOutput("analytics.revenue_daily")
        .setEventTime(Instant.parse("2026-11-21T07:09:00Z"))
        .setRowCount(1234)
        .setContentHash("00ff00ff00ff00ff")
        .setSchema$(List.of(new ColumnType("amount", "decimal"), new ColumnType("day", "date")))
        .setColumns(List.of(new ColumnStats("amount", 0L, "0.5", "999.25", "12345.75")))
        .setBuckets(
            new BucketHashes(
                List.of("day"),
                List.of(600L, 634L),
                List.of("0000000000000001", "00000000000000ff")))
        .build();
  }
}
