package io.dualrun.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import io.dualrun.ingest.sink.WriteTimeout;
import io.dualrun.platform.LocalPlatform;
import io.dualrun.platform.LocalPlatformConfig;
import io.dualrun.schemas.avro.RunEvent;
import io.dualrun.service.lifecycle.ServiceHost;
import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

/**
 * The broker stops in the middle of a load: clients get 503s, never a 2xx for an event that was not
 * stored; once the broker is back, every acknowledged event is on the topic exactly once.
 */
class BrokerOutageIT {
  static final int CLIENTS = 2;

  final Map<String, Integer> statusById = new ConcurrentHashMap<>();
  final AtomicInteger next = new AtomicInteger();
  final AtomicInteger acked = new AtomicInteger();
  final AtomicInteger unavailable = new AtomicInteger();
  final AtomicBoolean running = new AtomicBoolean(true);

  @Test
  void noAcknowledgedEventIsLostOrDuplicated() throws Exception {
    LocalPlatformConfig config =
        LocalPlatformConfig.ephemeral().withPorts(freePort(), freePort(), 0);
    try (LocalPlatform platform = LocalPlatform.start(config);
        ServiceHost ingest =
            IngestServer.start(
                IngestService.start(
                    PlatformIngest.config(
                        platform,
                        Map.of("ingest.write-timeout", "3s", "ingest.retry-after", "1s"))))) {
      try (Admin admin = Admin.create(platform.kafkaConfig())) {
        assertThat(WriteTimeout.sessionOf(admin, Duration.ofSeconds(10)))
            .as("the brokers' session timeout, read from the cluster")
            .contains(WriteTimeout.KAFKA_DEFAULT_SESSION);
      }
      TestHttp http = new TestHttp("http://127.0.0.1:" + ingest.port());
      ExecutorService clients = Executors.newFixedThreadPool(CLIENTS);
      for (int i = 0; i < CLIENTS; i++) {
        clients.submit(() -> load(http));
      }
      waitFor(() -> acked.get() >= 50, Duration.ofSeconds(60), "50 events acknowledged");
      assertThat(http.get("/ready").status()).as("/ready with Kafka up").isEqualTo(200);

      platform.broker().stop();
      waitFor(
          () -> http.get("/ready").status() == 503,
          Duration.ofSeconds(30),
          "/ready to say 503 while the broker is down");
      assertThat(http.get("/ready").body()).contains("\"kafka\"").contains("NOT_READY");
      assertThat(http.get("/health").status()).as("/health is liveness only").isEqualTo(200);
      int ackedWhenStopped = acked.get();
      waitFor(() -> unavailable.get() >= 4, Duration.ofSeconds(60), "503s while Kafka is down");
      int ackedWhileDown = acked.get() - ackedWhenStopped;

      platform.broker().start();
      waitFor(
          () -> http.get("/ready").status() == 200,
          Duration.ofSeconds(60),
          "/ready to say 200 once the broker is back");
      int ackedBeforeRestart = acked.get();
      waitFor(
          () -> acked.get() >= ackedBeforeRestart + 50,
          Duration.ofSeconds(120),
          "50 more events acknowledged after the broker came back");
      running.set(false);
      clients.shutdown();
      assertThat(clients.awaitTermination(60, TimeUnit.SECONDS)).isTrue();

      assertThat(statusById.values()).as("only 202 and 503 answers").containsOnly(202, 503);
      assertThat(ackedWhileDown)
          .as("acknowledged while the broker was down")
          .isLessThanOrEqualTo(2);
      Set<String> ackedIds = idsWith(202);
      List<String> onTopic =
          PlatformIngest.readAll(
                  platform, platform.catalog().runEvents(), ackedIds.size(), Duration.ofSeconds(60))
              .stream()
              .map(ConsumerRecord::value)
              .map(RunEvent::getEventId)
              .toList();
      Map<String, Long> copies =
          onTopic.stream().collect(Collectors.groupingBy(id -> id, Collectors.counting()));
      for (String id : ackedIds) {
        assertThat(copies.get(id)).as("copies of acknowledged event %s", id).isEqualTo(1L);
      }
      assertThat(copies.values()).as("no event stored twice").containsOnly(1L);
      assertThat(copies.keySet()).isSubsetOf(statusById.keySet());
    }
  }

  private void load(TestHttp http) {
    while (running.get()) {
      int n = next.incrementAndGet();
      String id = "outage-" + n;
      String event =
          IngestRoutesTest.EVENT
              .replace("{", "{\"eventId\":\"" + id + "\",")
              .replace("\"r-1\"", "\"run-" + n + "\"");
      int status = http.post("/v1/events", event, PlatformIngest.TOKEN).status();
      statusById.put(id, status);
      if (status == 202) {
        acked.incrementAndGet();
      } else if (status == 503) {
        unavailable.incrementAndGet();
        sleep(200);
      }
    }
  }

  private Set<String> idsWith(int status) {
    return statusById.entrySet().stream()
        .filter(e -> e.getValue() == status)
        .map(Map.Entry::getKey)
        .collect(Collectors.toSet());
  }

  private static void waitFor(BooleanSupplier condition, Duration timeout, String what) {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("timed out after " + timeout + " waiting for " + what);
      }
      sleep(100);
    }
  }

  private static void sleep(long ms) {
    try {
      Thread.sleep(ms);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }
}
