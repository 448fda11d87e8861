package io.dualrun.alerting;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import io.dualrun.alerting.model.Json;
import io.dualrun.platform.LocalPlatform;
import io.dualrun.service.lifecycle.ServiceHost;
import java.io.File;
import java.net.ServerSocket;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A real Prometheus Alertmanager receives an alert firing, then resolved. */
class AlertmanagerIT {
  private static final String PACKAGE = "prometheus-alertmanager";

  @TempDir Path dir;

  @Test
  void alertFiresThenResolvesInARealAlertmanager() throws Exception {
    Path binary = binary();
    int port = freePort();
    Process am = startAlertmanager(binary, port);
    try (LocalPlatform platform = LocalPlatform.startEphemeral();
        ItSupport it = new ItSupport(platform)) {
      awaitReady(am, port);
      String receivers =
          "receivers:\n  - name: am\n    type: alertmanager\n    url: http://127.0.0.1:"
              + port
              + "\n    resend-interval: 30s\nroutes:\n  default: [am]\n";
      Path config = it.config(dir, ItSupport.uniqueId("am-it"), 1000, receivers);
      try (ServiceHost running = AlertingMain.run(config)) {
        for (int day = 1; day <= 3; day++) {
          it.mismatch(Records.rowCountMismatch("am-wf", Records.partition(day), 1));
        }
        String query =
            "http://127.0.0.1:" + port + "/api/v2/alerts?filter=" + enc("workflow=\"am-wf\"");
        ItSupport.await("the alert firing in Alertmanager", () -> alerts(query).size() == 1);
        JsonNode alert = alerts(query).get(0);
        assertThat(alert.get("status").get("state").asText()).isEqualTo("active");
        JsonNode labels = alert.get("labels");
        assertThat(labels.get("alertname").asText()).isEqualTo("dualrun_row_count");
        assertThat(labels.get("kind").asText()).isEqualTo("ROW_COUNT");
        assertThat(labels.get("severity").asText()).isEqualTo("critical");
        assertThat(labels.get("owner").asText()).isEqualTo("data-platform");
        assertThat(alert.get("annotations").get("summary").asText())
            .isEqualTo("[FIRING] am-wf: ROW_COUNT on 3 partitions (critical)");
        assertThat(alert.get("annotations").get("description").asText())
            .contains("2026-11-01", "load_revenue", "baseline 1200 vs candidate 1187");
        assertThat(alert.get("generatorURL").asText())
            .isEqualTo("http://dash.example:7070/pairs/am-wf/2026-11-01");

        for (int day = 1; day <= 3; day++) {
          it.match(Records.match("am-wf", Records.partition(day), 2));
        }
        ItSupport.await("the alert resolved in Alertmanager", () -> alerts(query).isEmpty());
        String all = "http://127.0.0.1:" + port + "/api/v2/alerts/groups";
        assertThat(ItSupport.http("GET", all, null).body()).doesNotContain("am-wf");
        assertThat(
                it.notifications().stream()
                    .filter(n -> n.getWorkflow().equals("am-wf"))
                    .map(n -> n.getAction() + ":" + n.getDelivery())
                    .toList())
            .contains("OPEN:DELIVERED", "RESOLVE:DELIVERED");
      }
    } finally {
      am.destroy();
      am.waitFor(10, TimeUnit.SECONDS);
    }
  }

  private static List<JsonNode> alerts(String url) {
    try {
      JsonNode body = Json.MAPPER.readTree(ItSupport.http("GET", url, null).body());
      List<JsonNode> out = new ArrayList<>();
      body.forEach(out::add);
      return out;
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private static String enc(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8);
  }

  private static Path binary() {
    for (String d : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
      Path p = Path.of(d, PACKAGE);
      if (Files.isExecutable(p)) {
        return p;
      }
    }
    Path usual = Path.of("/usr/bin", PACKAGE);
    if (Files.isExecutable(usual)) {
      return usual;
    }
    return fail(
        "the "
            + PACKAGE
            + " binary is not installed: install the Debian package "
            + PACKAGE
            + " (apt-get install -y "
            + PACKAGE
            + ")");
  }

  private Process startAlertmanager(Path binary, int port) throws Exception {
    Path config = dir.resolve("alertmanager.yml");
    Files.writeString(
        config,
        "route:\n  receiver: blackhole\n  group_wait: 1s\nreceivers:\n  - name: blackhole\n");
    Path storage = Files.createDirectories(dir.resolve("am-data"));
    return new ProcessBuilder(
            binary.toString(),
            "--config.file=" + config,
            "--storage.path=" + storage,
            "--web.listen-address=127.0.0.1:" + port,
            "--cluster.listen-address=")
        .redirectErrorStream(true)
        .redirectOutput(dir.resolve("alertmanager.log").toFile())
        .start();
  }

  private void awaitReady(Process am, int port) {
    ItSupport.await(
        "Alertmanager to be ready",
        java.time.Duration.ofSeconds(30),
        () -> {
          if (!am.isAlive()) {
            fail("Alertmanager exited: " + read(dir.resolve("alertmanager.log")));
          }
          try {
            return ItSupport.http("GET", "http://127.0.0.1:" + port + "/-/ready", null).statusCode()
                == 200;
          } catch (RuntimeException e) {
            return false;
          }
        },
        () -> read(dir.resolve("alertmanager.log")));
  }

  private static String read(Path p) {
    try {
      return Files.readString(p);
    } catch (Exception e) {
      return "(no log)";
    }
  }

  static int freePort() throws Exception {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }
}
