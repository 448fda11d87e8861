package io.dualrun.alerting;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetup;
import io.dualrun.alerting.model.Json;
import io.dualrun.alerting.receiver.PagerDutyFormat;
import io.dualrun.alerting.receiver.SlackFormat;
import io.dualrun.platform.LocalPlatform;
import io.dualrun.schemas.avro.DeliveryResult;
import io.dualrun.schemas.avro.Notification;
import io.dualrun.service.lifecycle.ServiceHost;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real SMTP server (GreenMail) and local HTTP peers for Slack, PagerDuty and a webhook: 30
 * mismatching partitions give one message each that says 30; silenced alerts are recorded, not
 * sent; {@code /v1/alerts} shows state and history.
 */
class EmailIT {
  @TempDir static Path dir;

  static LocalPlatform platform;
  static ItSupport it;
  static GreenMail smtp;
  static HttpPeer slack;
  static HttpPeer pagerduty;
  static HttpPeer webhook;
  static ServiceHost running;

  @BeforeAll
  static void start() throws Exception {
    smtp = new GreenMail(new ServerSetup(AlertmanagerIT.freePort(), "127.0.0.1", "smtp"));
    smtp.start();
    slack = HttpPeer.start();
    pagerduty = HttpPeer.start().answer(202);
    webhook = HttpPeer.start();
    platform = LocalPlatform.startEphemeral();
    it = new ItSupport(platform);
    String receivers =
        "receivers:\n"
            + "  - name: mail\n    type: email\n    smtp-host: 127.0.0.1\n    smtp-port: "
            + smtp.getSmtp().getPort()
            + "\n    from: dualrun@example.com\n    to: [oncall@example.com]\n"
            + "  - name: slack\n    type: slack\n    url: "
            + slack.url()
            + "/services/T0/B0/X\n"
            + "  - name: pd\n    type: pagerduty\n    url: "
            + pagerduty.url()
            + "\n    routing-key: R0UT1NGKEY0123456789012345678901\n"
            + "  - name: hook\n    type: webhook\n    url: "
            + webhook.url()
            + "/alerts\n"
            + "routes:\n  data-platform: [mail, slack, pd, hook]\n  default: [hook]\n";
    running = AlertingMain.run(it.config(dir, ItSupport.uniqueId("email-it"), 3000, receivers));
  }

  @AfterAll
  static void stop() {
    for (AutoCloseable c : new AutoCloseable[] {running, it, platform, slack, pagerduty, webhook}) {
      try {
        if (c != null) {
          c.close();
        }
      } catch (Exception e) {
        // keep closing the others
      }
    }
    if (smtp != null) {
      smtp.stop();
    }
  }

  @Test
  void thirtyMismatchingPartitionsGiveOneMessagePerReceiverThatSaysThirty() throws Exception {
    for (int day = 1; day <= 30; day++) {
      it.mismatch(Records.rowCountMismatch("revenue-daily", Records.partition(day), 1));
    }
    ItSupport.await("the e-mail", () -> smtp.getReceivedMessages().length >= 1);
    ItSupport.await(
        "Slack, PagerDuty and the webhook",
        () -> received(slack) >= 1 && received(pagerduty) >= 1 && received(webhook) >= 1);
    ItSupport.sleep(4000); // a second notification would arrive within the group wait
    assertThat(smtp.getReceivedMessages()).hasSize(1);
    assertThat(received(slack)).isEqualTo(1);
    assertThat(received(pagerduty)).isEqualTo(1);
    assertThat(received(webhook)).isEqualTo(1);

    MimeMessage mail = smtp.getReceivedMessages()[0];
    assertThat(mail.getSubject())
        .isEqualTo("[FIRING] revenue-daily: ROW_COUNT on 30 partitions (critical)");
    assertThat(mail.getAllRecipients()[0].toString()).isEqualTo("oncall@example.com");
    MimeMultipart parts = (MimeMultipart) mail.getContent();
    assertThat(parts.getCount()).isEqualTo(2);
    String text = GreenMailUtil.getBody(parts.getBodyPart(0));
    assertThat(parts.getBodyPart(0).getContentType()).startsWith("text/plain");
    assertThat(parts.getBodyPart(1).getContentType()).startsWith("text/html");
    String plain = (String) parts.getBodyPart(0).getContent();
    assertThat(text).isNotBlank();
    assertThat(plain)
        .contains(
            "Workflow: revenue-daily",
            "Owner: data-platform",
            "Partitions: 30: 2026-11-01, 2026-11-02, 2026-11-03, 2026-11-04, 2026-11-05 and 25 more",
            "analytics.revenue_daily: baseline 1200 vs candidate 1187",
            "Candidate failed in task load_revenue: psycopg.errors.UniqueViolation",
            "Baseline run: cron cron-2026-11-01 attempt 1 succeeded, 2026-11-20T07:05:00Z",
            "Candidate log: http://logs.example/airflow/manual__2026-11-01",
            "Pair: http://dash.example:7070/pairs/revenue-daily/2026-11-01");
    String html = (String) parts.getBodyPart(1).getContent();
    assertThat(html)
        .contains("<h2>", "href=\"http://dash.example:7070/pairs/revenue-daily/2026-11-01\"");

    JsonNode slackBody = Json.MAPPER.readTree(slack.requests().get(0).body());
    SlackFormat.check(slackBody);
    assertThat(slackBody.get("blocks").get(0).get("text").get("text").asText())
        .contains("30 partitions");
    assertThat(slack.requests().get(0).path()).isEqualTo("/services/T0/B0/X");

    JsonNode pd = Json.MAPPER.readTree(pagerduty.requests().get(0).body());
    PagerDutyFormat.check(pd);
    assertThat(pd.get("dedup_key").asText()).isEqualTo("revenue-daily/ROW_COUNT");
    assertThat(pd.get("payload").get("custom_details").get("partition_count").asInt())
        .isEqualTo(30);

    HttpPeer.Request hook = webhook.requests().get(0);
    assertThat(hook.header("Idempotency-Key")).isEqualTo("revenue-daily/ROW_COUNT/v1");
    assertThat(Json.MAPPER.readTree(hook.body()).get("partitionCount").asInt()).isEqualTo(30);

    List<Notification> delivered =
        it.notifications().stream()
            .filter(n -> n.getAlertId().equals("revenue-daily/ROW_COUNT"))
            .filter(n -> n.getDelivery() == DeliveryResult.DELIVERED)
            .toList();
    assertThat(delivered)
        .extracting(Notification::getReceiver)
        .containsExactlyInAnyOrder("mail", "slack", "pd", "hook");
    assertThat(delivered).allSatisfy(n -> assertThat(n.getPartitions()).hasSize(30));

    JsonNode alert =
        Json.MAPPER.readTree(
            ItSupport.http("GET", api("/v1/alerts/revenue-daily/ROW_COUNT"), null).body());
    assertThat(alert.get("state").asText()).isEqualTo("FIRING");
    assertThat(alert.get("partitionCount").asInt()).isEqualTo(30);
    assertThat(alert.get("notifications").size()).isGreaterThanOrEqualTo(4);
  }

  @Test
  void aSilencedAlertIsRecordedButNotSent() throws Exception {
    String silence =
        "{\"matchers\":{\"workflow\":\"quiet-*\",\"kind\":\"ROW_COUNT\"},"
            + "\"duration\":\"2h\",\"reason\":\"accepted difference\",\"createdBy\":\"ana\"}";
    assertThat(ItSupport.http("GET", api("/health"), null, null).statusCode()).isEqualTo(200);
    ItSupport.await(
        "/ready to answer 200",
        () -> ItSupport.http("GET", api("/ready"), null, null).statusCode() == 200);
    assertThat(ItSupport.http("GET", api("/ready"), null, null).body())
        .contains("\"fold\"", "\"kafka\"", "\"registry\"");
    assertThat(ItSupport.http("GET", api("/metrics"), null, null).body())
        .contains("dualrun_alerting_pending_deliveries")
        .contains("kafka_stream_")
        .contains("jvm_memory_used_bytes");
    var anonymous = ItSupport.http("POST", api("/v1/silences"), silence, null);
    assertThat(anonymous.statusCode()).as("no token").isEqualTo(401);
    assertThat(anonymous.headers().firstValue("WWW-Authenticate"))
        .contains("Bearer realm=\"dualrun\"");
    assertThat(
            ItSupport.http("POST", api("/v1/silences"), silence, "wrong-token-0123456789")
                .statusCode())
        .as("wrong token")
        .isEqualTo(401);
    assertThat(
            ItSupport.http("POST", api("/v1/silences"), silence, ItSupport.SOURCE_TOKEN)
                .statusCode())
        .as("a source may not silence")
        .isEqualTo(403);
    var created = ItSupport.http("POST", api("/v1/silences"), silence);
    assertThat(created.statusCode()).isEqualTo(201);
    String id = Json.MAPPER.readTree(created.body()).get("id").asText();

    var refused = ItSupport.http("POST", api("/v1/silences"), "{\"matchers\":{\"team\":\"x\"}}");
    assertThat(refused.statusCode()).isEqualTo(400);
    assertThat(refused.body()).contains("matchers.team", "reason", "endsAt");

    it.mismatch(Records.rowCountMismatch("quiet-orders", Records.partition(1), 1));
    ItSupport.await(
        "a SILENCED notification",
        () ->
            it.notifications().stream()
                .filter(n -> n.getWorkflow().equals("quiet-orders"))
                .map(Notification::getDelivery)
                .toList()
                .contains(DeliveryResult.SILENCED));
    assertThat(
            it.notifications().stream()
                .filter(n -> n.getWorkflow().equals("quiet-orders"))
                .map(Notification::getDelivery))
        .containsOnly(DeliveryResult.SILENCED);
    assertThat(webhook.requests().stream().filter(r -> r.body().contains("quiet-orders")))
        .isEmpty();

    JsonNode listed = Json.MAPPER.readTree(ItSupport.http("GET", api("/v1/silences"), null).body());
    assertThat(listed.get("silences").toString()).contains(id, "accepted difference", "active");
    assertThat(
            ItSupport.http("DELETE", api("/v1/silences/" + id), null, ItSupport.SOURCE_TOKEN)
                .statusCode())
        .as("a source may not expire a silence")
        .isEqualTo(403);
    assertThat(ItSupport.http("DELETE", api("/v1/silences/" + id), null, null).statusCode())
        .isEqualTo(401);
    var deleted = ItSupport.http("DELETE", api("/v1/silences/" + id), null);
    assertThat(Json.MAPPER.readTree(deleted.body()).get("state").asText()).isEqualTo("expired");
    assertThat(ItSupport.http("DELETE", api("/v1/silences/nope"), null).statusCode())
        .isEqualTo(404);
  }

  private static int received(HttpPeer peer) {
    return (int) peer.requests().stream().filter(r -> r.body().contains("revenue-daily")).count();
  }

  private static String api(String path) {
    return "http://127.0.0.1:" + running.port() + path;
  }
}
