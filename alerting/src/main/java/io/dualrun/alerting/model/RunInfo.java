package io.dualrun.alerting.model;

import java.time.Instant;

/** What an alert shows of one side's run: its times, failed task, error and log link. */
public record RunInfo(
    String orchestrator,
    String runId,
    int attempt,
    String status,
    Instant startTime,
    Instant endTime,
    Long durationMs,
    String failedTask,
    String error,
    String logUrl) {}
