package io.dualrun.alerting.bench;

import com.sun.net.httpserver.HttpServer;
import io.dualrun.alerting.AlertingMain;
import io.dualrun.alerting.ItSupport;
import io.dualrun.alerting.Records;
import io.dualrun.alerting.model.Json;
import io.dualrun.platform.LocalPlatform;
import io.dualrun.schemas.avro.Verdict;
import io.dualrun.schemas.topic.TopicCatalog;
import io.dualrun.service.lifecycle.ServiceHost;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import org.HdrHistogram.Histogram;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * Time from a mismatch record on the topic to the webhook receiving its alert (p50/p99) and
 * alerts/s sustained, next to a plain consumer's produce-to-poll time in the same run. Not part of
 * the test suite: {@code java -cp <test class path> io.dualrun.alerting.bench.AlertingBenchmark
 * [alerts]}.
 */
public final class AlertingBenchmark {
  private AlertingBenchmark() {}

  public static void main(String[] args) throws Exception {
    int alerts = args.length > 0 ? Integer.parseInt(args[0]) : 2000;
    Map<String, Long> sent = new ConcurrentHashMap<>();
    Map<String, Long> received = new ConcurrentHashMap<>();
    Map<String, Long> polled = new ConcurrentHashMap<>();
    HttpServer sink = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 100);
    java.util.concurrent.ExecutorService handlers = Executors.newFixedThreadPool(4);
    sink.setExecutor(handlers);
    sink.createContext(
        "/",
        ex -> {
          long now = System.nanoTime();
          String workflow = Json.MAPPER.readTree(ex.getRequestBody()).get("workflow").asText();
          received.putIfAbsent(workflow, now);
          ex.sendResponseHeaders(200, -1);
          ex.close();
        });
    sink.start();
    Path dir = Files.createTempDirectory("alerting-bench");
    try (LocalPlatform platform = LocalPlatform.startEphemeral();
        ItSupport it = new ItSupport(platform)) {
      String receivers =
          "receivers:\n  - name: hook\n    type: webhook\n    url: http://127.0.0.1:"
              + sink.getAddress().getPort()
              + "\nroutes:\n  default: [hook]\n";
      Path config = it.config(dir, ItSupport.uniqueId("bench"), 0, receivers);
      Files.writeString(config, Files.readString(config).replace("tick: 200ms", "tick: 20ms"));
      Thread plain = plainConsumer(platform, polled, alerts);
      try (ServiceHost running = AlertingMain.run(config)) {
        long start = System.nanoTime();
        for (int i = 0; i < alerts; i++) {
          String workflow = "bench-" + i;
          Verdict v = Records.rowCountMismatch(workflow, "2026-11-01", 1);
          sent.put(workflow, System.nanoTime());
          it.mismatch(v);
        }
        ItSupport.await(
            "every alert at the webhook",
            Duration.ofMinutes(10),
            () -> received.size() >= alerts,
            () -> received.size() + " of " + alerts);
        long last = received.values().stream().mapToLong(Long::longValue).max().orElse(start);
        report("mismatch → webhook", sent, received);
        report("mismatch → plain consumer poll", sent, polled);
        System.out.printf("alerts/s sustained: %.0f%n", alerts / ((last - start) / 1e9));
      }
      plain.interrupt();
    } finally {
      sink.stop(0);
      handlers.shutdownNow();
    }
  }

  private static Thread plainConsumer(LocalPlatform platform, Map<String, Long> polled, int n) {
    Map<String, Object> props = platform.kafkaConfig();
    props.put(ConsumerConfig.GROUP_ID_CONFIG, ItSupport.uniqueId("bench-plain"));
    props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "latest");
    var serde = platform.catalog().mismatches().valueSerde();
    Thread t =
        new Thread(
            () -> {
              try (KafkaConsumer<String, Verdict> c =
                  new KafkaConsumer<>(props, new StringDeserializer(), serde.deserializer())) {
                c.subscribe(List.of(TopicCatalog.MISMATCHES));
                while (!Thread.currentThread().isInterrupted() && polled.size() < n) {
                  c.poll(Duration.ofMillis(100))
                      .forEach(r -> polled.putIfAbsent(r.value().getWorkflow(), System.nanoTime()));
                }
              }
            },
            "plain-consumer");
    t.setDaemon(true);
    t.start();
    ItSupport.sleep(3000);
    return t;
  }

  private static void report(String what, Map<String, Long> sent, Map<String, Long> got) {
    Histogram h = new Histogram(3);
    got.forEach(
        (k, t) -> {
          Long s = sent.get(k);
          if (s != null && t >= s) {
            h.recordValue((t - s) / 1000);
          }
        });
    System.out.printf(
        "%s: n=%d p50=%.1f ms p99=%.1f ms max=%.1f ms%n",
        what,
        h.getTotalCount(),
        h.getValueAtPercentile(50) / 1000.0,
        h.getValueAtPercentile(99) / 1000.0,
        h.getMaxValue() / 1000.0);
  }
}
