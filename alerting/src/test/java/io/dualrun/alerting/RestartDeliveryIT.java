package io.dualrun.alerting;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.dualrun.alerting.model.Json;
import io.dualrun.platform.ChildJvm;
import io.dualrun.platform.LocalPlatform;
import io.dualrun.schemas.avro.DeliveryResult;
import io.dualrun.schemas.avro.Notification;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The alerting process is killed while PagerDuty is down; after the restart and PagerDuty's return
 * every alert reaches it exactly once per action, and the webhook that was up is not notified
 * twice.
 */
class RestartDeliveryIT {
  private static final List<String> WORKFLOWS = List.of("restart-a", "restart-b", "restart-c");

  @TempDir Path dir;

  @Test
  void aRestartWhileAReceiverIsDownLosesNothingAndPagesNobodyTwice() throws Exception {
    int pdPort = AlertmanagerIT.freePort();
    Path log = dir.resolve("alerting.log");
    try (LocalPlatform platform = LocalPlatform.startEphemeral();
        ItSupport it = new ItSupport(platform);
        HttpPeer webhook = HttpPeer.start();
        HttpPeer pagerduty = new HttpPeer()) {
      String receivers =
          "receivers:\n"
              + "  - name: pd\n    type: pagerduty\n    url: http://127.0.0.1:"
              + pdPort
              + "\n    routing-key: R0UT1NGKEY0123456789012345678901\n    timeout: 2s\n"
              + "  - name: hook\n    type: webhook\n    url: "
              + webhook.url()
              + "\nroutes:\n  default: [pd, hook]\n";
      Path config = it.config(dir, ItSupport.uniqueId("restart-it"), 1000, receivers);
      Process first =
          ChildJvm.start(AlertingMain.class, List.of("--config", config.toString()), "512m", log);
      try {
        for (String workflow : WORKFLOWS) {
          for (int day = 1; day <= 2; day++) {
            it.mismatch(Records.rowCountMismatch(workflow, Records.partition(day), 1));
          }
        }
        ItSupport.await(
            "the webhook to get every alert and PagerDuty to fail",
            Duration.ofSeconds(120),
            () -> keys(webhook).size() == 3 && failedPagerDuty(it) >= 3,
            () -> "webhook " + keys(webhook) + ", log:\n" + tail(log));
        ItSupport.sleep(1500); // the ledger write follows the delivery
      } finally {
        first.destroyForcibly();
        first.waitFor(30, TimeUnit.SECONDS);
      }

      pagerduty.answer(202).listen(pdPort);
      Process second =
          ChildJvm.start(AlertingMain.class, List.of("--config", config.toString()), "512m", log);
      try {
        ItSupport.await(
            "PagerDuty to get every alert after the restart",
            Duration.ofSeconds(120),
            () -> dedupKeys(pagerduty, "trigger").size() == 3,
            () -> "pagerduty " + dedupKeys(pagerduty, "trigger") + ", log:\n" + tail(log));

        for (String workflow : WORKFLOWS) {
          for (int day = 1; day <= 2; day++) {
            it.match(Records.match(workflow, Records.partition(day), 2));
          }
        }
        ItSupport.await(
            "PagerDuty to get every resolve",
            Duration.ofSeconds(60),
            () -> dedupKeys(pagerduty, "resolve").size() == 3,
            () -> "pagerduty " + pagerduty.requests().size() + " requests");
        ItSupport.sleep(3000); // a duplicate would arrive by now
      } finally {
        second.destroy();
        second.waitFor(30, TimeUnit.SECONDS);
      }

      Map<String, Integer> triggers = ItSupport.count(dedupKeys(pagerduty, "trigger"));
      Map<String, Integer> resolves = ItSupport.count(dedupKeys(pagerduty, "resolve"));
      assertThat(triggers)
          .containsOnlyKeys("restart-a/ROW_COUNT", "restart-b/ROW_COUNT", "restart-c/ROW_COUNT")
          .allSatisfy((k, n) -> assertThat(n).as("triggers of " + k).isEqualTo(1));
      assertThat(resolves).allSatisfy((k, n) -> assertThat(n).as("resolves of " + k).isEqualTo(1));
      Map<String, Integer> hooks = ItSupport.count(keys(webhook));
      assertThat(hooks).hasSize(6).allSatisfy((k, n) -> assertThat(n).as(k).isEqualTo(1));
      assertThat(
              it.notifications().stream()
                  .filter(n -> n.getReceiver().equals("pd"))
                  .filter(n -> n.getDelivery() == DeliveryResult.DELIVERED)
                  .count())
          .isEqualTo(6);
    }
  }

  private static List<String> keys(HttpPeer webhook) {
    return webhook.requests().stream().map(r -> r.header("Idempotency-Key")).toList();
  }

  private static List<String> dedupKeys(HttpPeer pd, String action) {
    return pd.requests().stream()
        .map(r -> parse(r.body()))
        .filter(j -> j.get("event_action").asText().equals(action))
        .map(j -> j.get("dedup_key").asText())
        .toList();
  }

  private static long failedPagerDuty(ItSupport it) {
    return it.notifications().stream()
        .filter(n -> n.getReceiver().equals("pd"))
        .filter(n -> n.getDelivery() == DeliveryResult.FAILED)
        .map(Notification::getAlertId)
        .distinct()
        .count();
  }

  private static JsonNode parse(String body) {
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
