package io.dualrun.alerting.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import io.dualrun.alerting.Fixtures;
import io.dualrun.alerting.ItSupport;
import io.dualrun.alerting.kafka.KeyedLog;
import io.dualrun.alerting.model.AlertAction;
import io.dualrun.alerting.model.AlertEvent;
import io.dualrun.alerting.receiver.DeliveryException;
import io.dualrun.alerting.receiver.RateLimit;
import io.dualrun.alerting.receiver.Receiver;
import io.dualrun.alerting.receiver.ReceiverConfig;
import io.dualrun.alerting.receiver.ReceiverRequest;
import io.dualrun.alerting.receiver.ReceiverType;
import io.dualrun.alerting.render.MessageRenderer;
import io.dualrun.alerting.silence.Silence;
import io.dualrun.alerting.silence.SilenceStore;
import io.dualrun.schemas.avro.Notification;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class DeliveryWorkerTest {
  private final MockProducer<String, byte[]> bytes =
      new MockProducer<>(true, null, new StringSerializer(), (t, v) -> v);
  private final MockProducer<String, Notification> notifications =
      new MockProducer<>(true, null, new StringSerializer(), (t, v) -> new byte[0]);
  private final AlertView view = new AlertView();
  private final MockProducer<String, byte[]> ledgerBytes =
      new MockProducer<>(true, null, new StringSerializer(), (t, v) -> v);
  private final DeliveryLedger ledger =
      new DeliveryLedger(new KeyedLog<>("deliveries", LedgerEntry.class, ledgerBytes));
  private final SilenceStore silences =
      new SilenceStore(new KeyedLog<>("silences", Silence.class, bytes));
  private DeliveryWorker worker;

  /** A receiver whose behaviour the test scripts. */
  static final class Scripted implements Receiver {
    final String name;
    final List<String> delivered = new CopyOnWriteArrayList<>();
    final AtomicInteger failuresLeft = new AtomicInteger();
    volatile CountDownLatch gate = new CountDownLatch(0);
    final CountDownLatch entered = new CountDownLatch(1);

    Scripted(String name) {
      this.name = name;
    }

    @Override
    public String name() {
      return name;
    }

    @Override
    public ReceiverType type() {
      return ReceiverType.WEBHOOK;
    }

    @Override
    public int deliver(ReceiverRequest out) throws DeliveryException {
      entered.countDown();
      try {
        gate.await();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      if (failuresLeft.getAndDecrement() > 0) {
        throw new DeliveryException("503 from peer", 503, true);
      }
      delivered.add(out.idempotencyKey());
      return 200;
    }
  }

  private void start(Map<Scripted, RateLimit> receivers) {
    Map<ReceiverConfig, Receiver> map = new LinkedHashMap<>();
    receivers.forEach(
        (r, limit) ->
            map.put(
                new ReceiverConfig(
                    r.name,
                    ReceiverType.WEBHOOK,
                    "http://x",
                    null,
                    Map.of(),
                    limit,
                    Duration.ofSeconds(1),
                    null,
                    null),
                r));
    List<String> names = receivers.keySet().stream().map(r -> r.name).toList();
    LaneContext ctx =
        new LaneContext(
            ledger,
            silences,
            new NotificationLog(notifications, "notifications", view),
            new MessageRenderer(Fixtures.LINKS),
            new RetryPolicy(Duration.ofMillis(20), Duration.ofMillis(100), Duration.ofMinutes(5)),
            Clock.systemUTC());
    worker = new DeliveryWorker(map, new Routes(Map.of(), names), view, ctx);
    worker.assigned(Set.of(0));
  }

  @AfterEach
  void stop() {
    worker.close();
  }

  @Test
  void aStuckReceiverDoesNotHoldUpTheOthers() {
    Scripted stuck = new Scripted("stuck");
    stuck.gate = new CountDownLatch(1);
    Scripted fine = new Scripted("fine");
    start(Map.of(stuck, RateLimit.UNLIMITED, fine, RateLimit.UNLIMITED));
    worker.onAlert(Fixtures.firing("w1", 1, AlertAction.OPEN), 0);
    worker.onAlert(Fixtures.firing("w2", 1, AlertAction.OPEN), 0);
    ItSupport.await("the healthy receiver", () -> fine.delivered.size() == 2);
    assertThat(stuck.delivered).isEmpty();
    stuck.gate.countDown();
    ItSupport.await("the stuck receiver after it recovers", () -> stuck.delivered.size() == 2);
  }

  @Test
  void failuresAreRetriedAndEveryAttemptIsRecorded() {
    Scripted flaky = new Scripted("flaky");
    flaky.failuresLeft.set(2);
    start(Map.of(flaky, RateLimit.UNLIMITED));
    AlertEvent e = Fixtures.firing("w", 1, AlertAction.OPEN);
    worker.onAlert(e, 0);
    ItSupport.await("the third attempt", () -> flaky.delivered.size() == 1);
    ItSupport.await("the ledger", () -> ledger.done(e.alertId(), "flaky", e.version()));
    assertThat(view.history(e.alertId()))
        .extracting(Attempt::delivery, Attempt::attempt)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("FAILED", 1),
            org.assertj.core.groups.Tuple.tuple("FAILED", 2),
            org.assertj.core.groups.Tuple.tuple("DELIVERED", 3));
    assertThat(notifications.history()).hasSize(3);
  }

  @Test
  void aVersionTheReceiverIsDoneWithIsNotSentAgain() {
    Scripted r = new Scripted("r");
    start(Map.of(r, RateLimit.UNLIMITED));
    AlertEvent e = Fixtures.firing("w", 1, AlertAction.OPEN);
    ledger.record(
        e.alertId(),
        "r",
        new LedgerEntry(
            e.version(), "OPEN", io.dualrun.schemas.avro.DeliveryResult.DELIVERED, Instant.now()));
    worker.onAlert(e, 0);
    worker.onAlert(Fixtures.firing("other", 1, AlertAction.OPEN), 0);
    ItSupport.await("the other alert", () -> r.delivered.size() == 1);
    assertThat(r.delivered).containsExactly("other/ROW_COUNT/v1");
  }

  @Test
  void theRateLimitHoldsBackAndRecordsTheExcess() throws Exception {
    Scripted r = new Scripted("limited");
    start(Map.of(r, new RateLimit(1, Duration.ofHours(1))));
    worker.onAlert(Fixtures.firing("a", 1, AlertAction.OPEN), 0);
    worker.onAlert(Fixtures.firing("b", 1, AlertAction.OPEN), 0);
    ItSupport.await(
        "a RATE_LIMITED record",
        () ->
            view.history("b/ROW_COUNT").stream().anyMatch(a -> a.delivery().equals("RATE_LIMITED"))
                || view.history("a/ROW_COUNT").stream()
                    .anyMatch(a -> a.delivery().equals("RATE_LIMITED")));
    TimeUnit.MILLISECONDS.sleep(300);
    assertThat(r.delivered).hasSize(1);
    assertThat(worker.pending().get("limited")).isEqualTo(1);
  }

  @Test
  void onlyTheAlertsOfAssignedPartitionsAreDelivered() {
    Scripted r = new Scripted("r");
    start(Map.of(r, RateLimit.UNLIMITED));
    AlertEvent elsewhere = Fixtures.firing("elsewhere", 1, AlertAction.OPEN);
    AlertEvent done = Fixtures.firing("done", 1, AlertAction.OPEN);
    worker.onAlert(elsewhere, 1);
    worker.onAlert(done, 1);
    ledger.record(
        done.alertId(),
        "r",
        new LedgerEntry(
            done.version(),
            "OPEN",
            io.dualrun.schemas.avro.DeliveryResult.DELIVERED,
            Instant.now()));
    worker.onAlert(Fixtures.firing("here", 1, AlertAction.OPEN), 0);
    ItSupport.await("the alert of partition 0", () -> r.delivered.size() == 1);
    assertThat(r.delivered).containsExactly("here/ROW_COUNT/v1");
    assertThat(worker.delivering()).containsExactly(0);

    worker.assigned(Set.of(1));
    ItSupport.await("the alert of partition 1", () -> r.delivered.size() == 2);
    assertThat(r.delivered).containsExactly("here/ROW_COUNT/v1", "elsewhere/ROW_COUNT/v1");
    assertThat(worker.delivering()).containsExactly(0, 1);
  }

  @Test
  void aRevocationWaitsForTheDeliveryInFlightAndDropsWhatWaits() throws Exception {
    Scripted r = new Scripted("r");
    r.gate = new CountDownLatch(1);
    start(Map.of(r, RateLimit.UNLIMITED));
    AlertEvent inFlight = Fixtures.firing("in-flight", 1, AlertAction.OPEN);
    worker.onAlert(inFlight, 0);
    assertThat(r.entered.await(30, TimeUnit.SECONDS)).as("the delivery started").isTrue();
    worker.onAlert(Fixtures.firing("waiting", 1, AlertAction.OPEN), 0);

    boolean[] recordedWhenReleased = new boolean[1];
    Thread revoke =
        new Thread(
            () -> {
              worker.revoked(Set.of(0));
              recordedWhenReleased[0] = ledger.done(inFlight.alertId(), "r", inFlight.version());
            });
    revoke.start();
    ItSupport.await("the partition to be given up", () -> worker.delivering().isEmpty());
    r.gate.countDown();
    revoke.join();

    assertThat(recordedWhenReleased[0]).as("the delivery in flight was recorded first").isTrue();
    assertThat(r.delivered).containsExactly("in-flight/ROW_COUNT/v1");
    assertThat(worker.pending().get("r")).isZero();
    assertThat(worker.delivering()).isEmpty();
    worker.onAlert(Fixtures.firing("later", 1, AlertAction.OPEN), 0);
    assertThat(worker.pending().get("r")).isZero();
  }

  /** Makes every send of {@code producer} fail with {@code e} (or succeed again with null). */
  private static void failSends(MockProducer<?, ?> producer, RuntimeException e) {
    synchronized (producer) {
      producer.sendException = e;
    }
  }

  @Test
  void aDeliveryWhoseLedgerWriteFailsIsRecordedOnceTheLedgerIsBackAndNotMadeAgain()
      throws Exception {
    Scripted r = new Scripted("r");
    failSends(ledgerBytes, new org.apache.kafka.common.errors.TimeoutException("no broker"));
    failSends(notifications, new org.apache.kafka.common.errors.TimeoutException("no broker"));
    start(Map.of(r, RateLimit.UNLIMITED));
    AlertEvent e = Fixtures.firing("w", 1, AlertAction.OPEN);
    worker.onAlert(e, 0);
    ItSupport.await("the delivery", () -> r.delivered.size() == 1);
    TimeUnit.MILLISECONDS.sleep(500); // several retries of the ledger write (backoff 20-100 ms)
    assertThat(ledger.done(e.alertId(), "r", e.version())).isFalse();

    failSends(ledgerBytes, null);
    ItSupport.await("the ledger entry", () -> ledger.done(e.alertId(), "r", e.version()));
    assertThat(r.delivered).as("delivered once").containsExactly("w/ROW_COUNT/v1");
    assertThat(worker.pending().get("r")).isZero();
  }

  @Test
  void aNewerVersionWaitsUntilTheLedgerHasTheOneDeliveredBefore() throws Exception {
    Scripted r = new Scripted("r");
    failSends(ledgerBytes, new org.apache.kafka.common.errors.TimeoutException("no broker"));
    start(Map.of(r, RateLimit.UNLIMITED));
    worker.onAlert(Fixtures.firing("w", 1, AlertAction.OPEN), 0);
    ItSupport.await("the first version", () -> r.delivered.size() == 1);
    AlertEvent second = Fixtures.firing("w", 1, AlertAction.RESOLVE);
    worker.onAlert(second, 0);
    TimeUnit.MILLISECONDS.sleep(300);
    assertThat(r.delivered).as("nothing new while the ledger is down").hasSize(1);

    failSends(ledgerBytes, null);
    ItSupport.await("the second version", () -> r.delivered.size() == 2);
    ItSupport.await("its ledger entry", () -> ledger.done(second.alertId(), "r", second.version()));
    assertThat(r.delivered).containsExactly("w/ROW_COUNT/v1", "w/ROW_COUNT/v2");
  }

  @Test
  void givingAPartitionUpWritesTheLedgerEntryOfADeliveryNotYetRecorded() throws Exception {
    Scripted r = new Scripted("r");
    failSends(ledgerBytes, new org.apache.kafka.common.errors.TimeoutException("no broker"));
    start(Map.of(r, RateLimit.UNLIMITED));
    AlertEvent e = Fixtures.firing("w", 1, AlertAction.OPEN);
    worker.onAlert(e, 0);
    ItSupport.await("the delivery", () -> r.delivered.size() == 1);

    boolean[] recordedWhenReleased = new boolean[1];
    Thread revoke =
        new Thread(
            () -> {
              worker.revoked(Set.of(0));
              recordedWhenReleased[0] = ledger.done(e.alertId(), "r", e.version());
            });
    revoke.start();
    TimeUnit.MILLISECONDS.sleep(300);
    assertThat(revoke.isAlive()).as("giving up waits for the ledger").isTrue();
    failSends(ledgerBytes, null);
    revoke.join(30_000);

    assertThat(recordedWhenReleased[0]).as("recorded before the partition went").isTrue();
    assertThat(r.delivered).containsExactly("w/ROW_COUNT/v1");
    assertThat(worker.pending().get("r")).isZero();
  }
}
