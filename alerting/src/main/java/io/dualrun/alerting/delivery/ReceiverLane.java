package io.dualrun.alerting.delivery;

import io.dualrun.alerting.model.AlertAction;
import io.dualrun.alerting.model.AlertEvent;
import io.dualrun.alerting.receiver.DeliveryException;
import io.dualrun.alerting.receiver.RateLimit;
import io.dualrun.alerting.receiver.Receiver;
import io.dualrun.alerting.receiver.ReceiverRequest;
import io.dualrun.schemas.avro.DeliveryResult;
import io.dualrun.schemas.avro.NotificationAction;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Delivers to one receiver on its own thread, so a receiver that is down or slow never holds up the
 * others. One job per alert: a newer version replaces a pending one; failures are retried with
 * exponential backoff until the deadline; a rate-limited job waits for its token. A job whose alert
 * this instance no longer delivers (its partition went to another instance) is dropped. A delivery
 * made is never made again because recording it failed: its ledger entry is written until the
 * ledger takes it (also before a partition is given up). Job state is only touched on the lane's
 * thread.
 */
final class ReceiverLane implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(ReceiverLane.class);

  private final Receiver receiver;
  private final LaneContext ctx;
  private final Predicate<String> owned;
  private final TokenBucket bucket;
  private final ScheduledExecutorService executor;
  private final Map<String, Job> jobs = new HashMap<>();

  /** How long giving an alert up waits for its pending ledger entry to be written. */
  static final Duration RELEASE_RECORD = Duration.ofSeconds(45);

  private static final class Job {
    AlertEvent event;
    boolean resend;
    int generation;
    int attempts;
    Instant first;
    boolean rateLimitRecorded;

    /** The version is delivered (or silenced, or given up); only its ledger entry may be left. */
    boolean finished;

    /** The ledger entry of a finished version, not yet written. */
    LedgerEntry unrecorded;

    Job(AlertEvent event, boolean resend) {
      this.event = event;
      this.resend = resend;
    }
  }

  /** {@code owned}: whether this instance delivers an alert (by id). */
  ReceiverLane(Receiver receiver, RateLimit limit, LaneContext ctx, Predicate<String> owned) {
    this.receiver = receiver;
    this.ctx = ctx;
    this.owned = owned;
    this.bucket = new TokenBucket(limit, System.nanoTime());
    this.executor =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread t = new Thread(r, "receiver-" + receiver.name());
              t.setDaemon(true);
              return t;
            });
  }

  Receiver receiver() {
    return receiver;
  }

  /** Queues {@code e}; {@code resend}: a re-send of an already delivered version. */
  void submit(AlertEvent e, boolean resend) {
    executor.execute(() -> enqueue(e, resend));
  }

  private void enqueue(AlertEvent e, boolean resend) {
    Job job = jobs.get(e.alertId());
    if (job == null) {
      job = new Job(e, resend);
      jobs.put(e.alertId(), job);
    } else if (resend || e.version() <= job.event.version()) {
      return;
    } else {
      job.event = e;
      job.resend = false;
      job.attempts = 0;
      job.first = null;
      job.finished = false;
      job.generation++;
    }
    schedule(e.alertId(), job.generation, Duration.ZERO);
  }

  /**
   * Drops the jobs of alerts this instance no longer delivers, once what they delivered is in the
   * ledger; completes once the attempt in flight, if any, is finished and recorded.
   */
  CompletableFuture<Void> release() {
    try {
      return CompletableFuture.runAsync(this::dropUnowned, executor);
    } catch (RejectedExecutionException e) {
      return CompletableFuture.completedFuture(null);
    }
  }

  private void dropUnowned() {
    for (Job job : List.copyOf(jobs.values())) {
      String alertId = job.event.alertId();
      if (!owned.test(alertId)) {
        recordBeforeRelease(alertId, job);
        jobs.remove(alertId);
      }
    }
  }

  /**
   * Writes the pending ledger entry of a job whose alert goes to another instance, retrying until
   * {@link #RELEASE_RECORD}: the next owner reads the ledger first, so what is written here is not
   * delivered again.
   */
  private void recordBeforeRelease(String alertId, Job job) {
    long deadline = System.nanoTime() + RELEASE_RECORD.toNanos();
    int tries = 0;
    while (job.unrecorded != null) {
      try {
        record(alertId, job);
      } catch (RuntimeException e) {
        if (System.nanoTime() >= deadline) {
          LOG.warn(
              "receiver {}: the delivery of {} v{} is not in the ledger after {}; the instance"
                  + " taking the alert over may repeat it: {}",
              receiver.name(),
              alertId,
              job.unrecorded.version(),
              RELEASE_RECORD,
              e.toString());
          return;
        }
        sleep(ctx.retry().backoff(++tries));
      }
    }
  }

  private static void sleep(Duration d) {
    try {
      TimeUnit.NANOSECONDS.sleep(d.toNanos());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private void schedule(String alertId, int generation, Duration delay) {
    executor.schedule(() -> run(alertId, generation), delay.toNanos(), TimeUnit.NANOSECONDS);
  }

  private void run(String alertId, int generation) {
    Job job = jobs.get(alertId);
    if (job == null || job.generation != generation) {
      return;
    }
    try {
      if (job.unrecorded != null) {
        record(alertId, job);
        if (job.finished) {
          return;
        }
      }
      attempt(job);
    } catch (RuntimeException e) {
      LOG.error(
          "receiver {}: alert {} not recorded, retrying: {}",
          receiver.name(),
          alertId,
          e.toString());
      schedule(alertId, generation, ctx.retry().backoff(Math.max(1, job.attempts)));
    }
  }

  private void attempt(Job job) {
    AlertEvent e = job.event;
    if (!owned.test(e.alertId())) {
      jobs.remove(e.alertId());
      return;
    }
    if (!job.resend && ctx.ledger().done(e.alertId(), receiver.name(), e.version())) {
      jobs.remove(e.alertId());
      return;
    }
    Instant now = ctx.clock().instant();
    NotificationAction action = job.resend ? NotificationAction.REPEAT : action(e.action());
    Optional<AlertEvent> visible = visible(e, now);
    if (visible.isEmpty()) {
      ctx.log()
          .record(e, receiver, action, DeliveryResult.SILENCED, 0, null, null, e.partitions(), now);
      done(job, DeliveryResult.SILENCED, now);
      return;
    }
    long nanos = System.nanoTime();
    if (!bucket.tryTake(nanos)) {
      if (!job.rateLimitRecorded) {
        job.rateLimitRecorded = true;
        ctx.log()
            .record(
                e,
                receiver,
                action,
                DeliveryResult.RATE_LIMITED,
                job.attempts,
                null,
                "rate limit reached; waiting",
                e.partitions(),
                now);
      }
      schedule(e.alertId(), job.generation, Duration.ofNanos(bucket.waitNanos(nanos)));
      return;
    }
    deliver(job, visible.get(), action, now);
  }

  private void deliver(Job job, AlertEvent visible, NotificationAction action, Instant now) {
    job.attempts++;
    if (job.first == null) {
      job.first = now;
    }
    ReceiverRequest out =
        new ReceiverRequest(
            visible,
            ctx.renderer().render(visible),
            job.resend ? AlertAction.REPEAT : visible.action(),
            visible.alertId() + "/v" + visible.version(),
            ctx.renderer().pairLinks(),
            now);
    try {
      int status = receiver.deliver(out);
      ctx.log()
          .record(
              visible,
              receiver,
              action,
              DeliveryResult.DELIVERED,
              job.attempts,
              status,
              null,
              visible.partitions(),
              ctx.clock().instant());
      done(job, DeliveryResult.DELIVERED, now);
    } catch (DeliveryException ex) {
      ctx.log()
          .record(
              visible,
              receiver,
              action,
              DeliveryResult.FAILED,
              job.attempts,
              ex.statusCode(),
              ex.getMessage(),
              visible.partitions(),
              ctx.clock().instant());
      boolean expired =
          !Duration.between(job.first, now).minus(ctx.retry().deadline()).isNegative();
      if (!ex.retryable() || expired) {
        LOG.warn(
            "receiver {}: giving up on {} v{}: {}",
            receiver.name(),
            visible.alertId(),
            visible.version(),
            ex.getMessage());
        done(job, DeliveryResult.FAILED, now);
      } else {
        schedule(visible.alertId(), job.generation, ctx.retry().backoff(job.attempts));
      }
    }
  }

  private Optional<AlertEvent> visible(AlertEvent e, Instant now) {
    if (e.action() == AlertAction.RESOLVE) {
      LedgerEntry last = ctx.ledger().last(e.alertId(), receiver.name());
      if (last != null && last.result() == DeliveryResult.SILENCED) {
        return Optional.empty();
      }
    }
    return SilenceFilter.apply(e, ctx.silences().active(now));
  }

  /**
   * The job's version is finished: its ledger entry is written now, or, when that fails, before
   * anything else is done with the job (the failure propagates and the job is retried).
   */
  private void done(Job job, DeliveryResult result, Instant now) {
    String alertId = job.event.alertId();
    if (job.resend) {
      jobs.remove(alertId);
      return;
    }
    job.finished = true;
    job.unrecorded = new LedgerEntry(job.event.version(), job.event.action().name(), result, now);
    record(alertId, job);
  }

  /** Writes the job's pending ledger entry; a finished job then ends. */
  private void record(String alertId, Job job) {
    ctx.ledger().record(alertId, receiver.name(), job.unrecorded);
    job.unrecorded = null;
    if (job.finished) {
      jobs.remove(alertId);
    }
  }

  static NotificationAction action(AlertAction a) {
    return switch (a) {
      case OPEN -> NotificationAction.OPEN;
      case UPDATE -> NotificationAction.UPDATE;
      case REPEAT -> NotificationAction.REPEAT;
      case RESOLVE, NONE -> NotificationAction.RESOLVE;
    };
  }

  /** Number of alerts waiting for this receiver (for tests and health). */
  int pending() {
    try {
      return executor.submit(jobs::size).get(5, TimeUnit.SECONDS);
    } catch (Exception e) {
      return -1;
    }
  }

  @Override
  public void close() {
    executor.shutdownNow();
    try {
      executor.awaitTermination(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
