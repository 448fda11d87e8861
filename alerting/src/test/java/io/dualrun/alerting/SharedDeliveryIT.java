package io.dualrun.alerting;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.dualrun.alerting.kafka.TopicReader;
import io.dualrun.alerting.model.Json;
import io.dualrun.platform.ChildJvm;
import io.dualrun.platform.LocalPlatform;
import io.dualrun.schemas.avro.DeliveryResult;
import io.dualrun.schemas.avro.Notification;
import io.dualrun.service.lifecycle.ServiceHost;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two alerting instances share one application id: instance a in this JVM, instance b in a child
 * JVM that is killed with -9. Each alert reaches the webhook once, whichever instance delivers it;
 * a silence created through a's API mutes what b delivers; b's API lists every alert, with a's
 * deliveries; and once b is killed, a delivers what b had pending.
 */
class SharedDeliveryIT {
  private static final int ALERTS = 9;

  @TempDir Path dir;

  private ItSupport it;
  private String alertsTopic;
  private HttpPeer webhook;
  private AlertingService a;
  private int portA;
  private int portB;

  @Test
  void twoInstancesDeliverEachAlertOnceAndOneTakesOverWhenTheOtherIsKilled() throws Exception {
    portB = AlertmanagerIT.freePort();
    Path logB = dir.resolve("alerting-b.log");
    String appId = ItSupport.uniqueId("shared-it");
    alertsTopic = appId + ".alerts";
    try (LocalPlatform platform = LocalPlatform.startEphemeral();
        ItSupport support = new ItSupport(platform);
        HttpPeer hook = HttpPeer.start()) {
      it = support;
      webhook = hook;
      String receivers =
          "receivers:\n  - name: hook\n    type: webhook\n    url: "
              + webhook.url()
              + "/alerts\nroutes:\n  default: [hook]\n";
      Path configA = it.config(Files.createDirectories(dir.resolve("a")), appId, 0, receivers);
      Path configB = it.config(Files.createDirectories(dir.resolve("b")), appId, 0, receivers);
      Files.writeString(
          configB, Files.readString(configB).replace("http-port: 0", "http-port: " + portB));
      Process b =
          ChildJvm.start(AlertingMain.class, List.of("--config", configB.toString()), "384m", logB);
      try (ServiceHost hostA = AlertingMain.run(configA)) {
        a = (AlertingService) hostA.services().get(0);
        portA = hostA.port();
        ItSupport.await(
            "both instances to deliver a share of the alerts topic",
            Duration.ofSeconds(120),
            () -> {
              int ofA = a.deliveryPartitions().size();
              return ofA > 0 && ofA < 3 && deliveryPartitionsOfB() == 3 - ofA;
            },
            () -> "a delivers " + a.deliveryPartitions() + ", log of b:\n" + tail(logB));
        Set<Integer> ofA = a.deliveryPartitions();

        sharedDeliveryReachesTheWebhookOnce(ofA);
        aSilenceCreatedThroughOneInstanceMutesTheOther(ofA);
        everyInstanceListsEveryAlertWithItsDeliveries(ofA);
        whatTheKilledInstanceHadPendingIsDeliveredByTheOther(b, ofA, logB);
      } finally {
        b.destroyForcibly();
        b.waitFor(30, TimeUnit.SECONDS);
      }
      Map<String, Integer> keys = ItSupport.count(keys(webhook));
      assertThat(keys).as("notifications at the webhook").hasSize(2 * ALERTS);
      assertThat(keys).allSatisfy((k, n) -> assertThat(n).as("deliveries of " + k).isEqualTo(1));
    }
  }

  private void sharedDeliveryReachesTheWebhookOnce(Set<Integer> ofA) {
    List<String> workflows = workflows("shared");
    workflows.forEach(w -> it.mismatch(Records.rowCountMismatch(w, Records.partition(1), 1)));
    ItSupport.await(
        "every alert at the webhook",
        () -> delivered("shared").size() == ALERTS,
        () -> "webhook " + keys(webhook));
    assertThat(partitionsOf(workflows))
        .as("the alerts' partitions: some delivered by a, some by b")
        .anySatisfy(p -> assertThat(ofA).contains(p))
        .anySatisfy(p -> assertThat(ofA).doesNotContain(p));
  }

  private void aSilenceCreatedThroughOneInstanceMutesTheOther(Set<Integer> ofA) throws Exception {
    var created =
        ItSupport.http(
            "POST",
            "http://127.0.0.1:" + portA + "/v1/silences",
            "{\"matchers\":{\"workflow\":\"muted-*\"},\"duration\":\"1h\",\"reason\":\"it\"}");
    assertThat(created.statusCode()).isEqualTo(201);
    String id = Json.MAPPER.readTree(created.body()).get("id").asText();
    ItSupport.await(
        "b to list the silence",
        () -> get(portB, "/v1/silences").contains(id),
        () -> get(portB, "/v1/silences"));

    List<String> muted = workflows("muted");
    muted.forEach(w -> it.mismatch(Records.rowCountMismatch(w, Records.partition(1), 1)));
    ItSupport.await(
        "every muted alert recorded SILENCED",
        () -> alerts("muted", DeliveryResult.SILENCED).size() == ALERTS,
        () -> "silenced " + alerts("muted", DeliveryResult.SILENCED));
    assertThat(partitionsOf(muted))
        .as("some muted alerts are delivered by b")
        .anySatisfy(p -> assertThat(ofA).doesNotContain(p));
    assertThat(delivered("muted")).isEmpty();
  }

  private void everyInstanceListsEveryAlertWithItsDeliveries(Set<Integer> ofA) {
    String fromA =
        workflows("shared").stream()
            .filter(w -> ofA.contains(partitionsOf(List.of(w)).iterator().next()))
            .findFirst()
            .orElseThrow();
    ItSupport.await(
        "b to show a's delivery of " + fromA,
        () -> get(portB, "/v1/alerts/" + fromA + "/ROW_COUNT").contains("\"DELIVERED\""),
        () -> get(portB, "/v1/alerts/" + fromA + "/ROW_COUNT"));
    JsonNode listed = json(get(portB, "/v1/alerts"));
    assertThat(listed.get("alerts")).hasSize(2 * ALERTS);
  }

  private void whatTheKilledInstanceHadPendingIsDeliveredByTheOther(
      Process b, Set<Integer> ofA, Path logB) throws Exception {
    int hookPort = webhook.port();
    webhook.stop();
    List<String> pending = workflows("pending");
    pending.forEach(w -> it.mismatch(Records.rowCountMismatch(w, Records.partition(1), 1)));
    ItSupport.await(
        "a failed attempt for every pending alert",
        () -> alerts("pending", DeliveryResult.FAILED).size() == ALERTS,
        () -> "failed " + alerts("pending", DeliveryResult.FAILED) + ", log of b:\n" + tail(logB));
    assertThat(partitionsOf(pending))
        .as("some pending alerts are b's")
        .anySatisfy(p -> assertThat(ofA).doesNotContain(p));

    b.destroyForcibly();
    assertThat(b.waitFor(30, TimeUnit.SECONDS)).isTrue();
    webhook.listen(hookPort);
    ItSupport.await(
        "a to deliver every pending alert, b's too",
        Duration.ofSeconds(90),
        () -> delivered("pending").size() == ALERTS,
        () -> "delivered " + delivered("pending") + ", a delivers " + a.deliveryPartitions());
    assertThat(a.deliveryPartitions()).containsExactly(0, 1, 2);
  }

  private static List<String> workflows(String prefix) {
    return IntStream.range(0, ALERTS).mapToObj(i -> prefix + "-" + i).toList();
  }

  /** The partitions of the alerts topic holding the alerts of {@code workflows}. */
  private Set<Integer> partitionsOf(List<String> workflows) {
    Map<String, Integer> partitions = new HashMap<>();
    TopicReader.readToEnd(
        it.kafkaConfig(),
        alertsTopic,
        r -> partitions.put(new String(r.key(), StandardCharsets.UTF_8), r.partition()));
    Set<Integer> out = new TreeSet<>();
    workflows.forEach(w -> out.add(partitions.get(w + "/ROW_COUNT")));
    return out;
  }

  private Set<String> delivered(String prefix) {
    return new TreeSet<>(keys(webhook).stream().filter(k -> k.startsWith(prefix + "-")).toList());
  }

  /** The alerts of the workflows named {@code prefix-…} with a notification {@code result}. */
  private Set<String> alerts(String prefix, DeliveryResult result) {
    Set<String> out = new TreeSet<>();
    it.notifications().stream()
        .filter(n -> n.getDelivery() == result && n.getAlertId().startsWith(prefix + "-"))
        .map(Notification::getAlertId)
        .forEach(out::add);
    return out;
  }

  private int deliveryPartitionsOfB() {
    String metrics;
    try {
      metrics = get(portB, "/metrics");
    } catch (RuntimeException e) {
      return -1; // not serving yet
    }
    return metrics
        .lines()
        .filter(l -> l.startsWith("dualrun_alerting_delivery_partitions "))
        .map(l -> (int) Double.parseDouble(l.substring(l.indexOf(' ') + 1)))
        .findFirst()
        .orElse(-1);
  }

  private static List<String> keys(HttpPeer webhook) {
    return webhook.requests().stream().map(r -> r.header("Idempotency-Key")).toList();
  }

  private static String get(int port, String path) {
    return ItSupport.http("GET", "http://127.0.0.1:" + port + path, null).body();
  }

  private static JsonNode json(String body) {
    try {
      return Json.MAPPER.readTree(body);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private static String tail(Path log) {
    try {
      List<String> lines = Files.readAllLines(log);
      return String.join("\n", lines.subList(Math.max(0, lines.size() - 30), lines.size()));
    } catch (Exception e) {
      return "(no log)";
    }
  }
}
