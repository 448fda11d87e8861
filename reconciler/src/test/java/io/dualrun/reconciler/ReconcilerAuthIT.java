package io.dualrun.reconciler;

import static org.assertj.core.api.Assertions.assertThat;

import io.dualrun.platform.LocalPlatform;
import io.dualrun.service.lifecycle.ServiceHost;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The reconciler run alone with {@code auth.protect-reads: true}: each bad request on its REST API
 * is refused as docs/operations.md says (no token or an unknown one 401 with a challenge, a token
 * without the reader role 403), the probes stay open, a reader reads.
 */
class ReconcilerAuthIT {
  private static final String READER = "reader-token-0123456789";
  private static final String SOURCE = "source-token-0123456789";
  private static final HttpClient HTTP = HttpClient.newHttpClient();
  private static LocalPlatform platform;
  private static ServiceHost app;

  @BeforeAll
  static void start() throws Exception {
    platform = LocalPlatform.startEphemeral();
    Path work = Files.createTempDirectory(Path.of("target"), "reconciler-auth");
    Path inventory =
        Files.writeString(
            work.resolve("workflows.yaml"),
            "workflows:\n  wf:\n    owner: data-eng\n    baseline: {orchestrator: cron, job: wf.sh}\n"
                + "    candidate: {orchestrator: airflow, job: wf}\n");
    Path config =
        Files.writeString(
            work.resolve("reconciler.yaml"),
            String.join(
                "\n",
                "kafka:",
                "  bootstrap-servers: " + platform.bootstrapServers(),
                "registry:",
                "  url: " + platform.registryUrl(),
                "inventory: " + inventory.toAbsolutePath(),
                "auth:",
                "  protect-reads: true",
                "  tokens:",
                "    - {name: grafana, token: " + READER + ", roles: [reader]}",
                "    - {name: airflow, token: " + SOURCE + ", roles: [source]}",
                "reconciler:",
                "  application-id: auth-it-" + UUID.randomUUID(),
                "  state-dir: " + work.resolve("state").toAbsolutePath(),
                ""));
    app = ReconcilerService.run(ReconcilerMain.load(config).withHttpPort(0));
  }

  @AfterAll
  static void stop() {
    try {
      if (app != null) {
        app.close();
      }
    } finally {
      if (platform != null) {
        platform.close();
      }
    }
  }

  private static HttpResponse<String> get(String path, String token) throws Exception {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + app.port() + path)).GET();
    if (token != null) {
      b.header("Authorization", "Bearer " + token);
    }
    return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void noTokenIs401WithAChallenge() throws Exception {
    HttpResponse<String> r = get("/v1/workflows", null);
    assertThat(r.statusCode()).as(r.body()).isEqualTo(401);
    assertThat(r.headers().firstValue("WWW-Authenticate"))
        .hasValueSatisfying(v -> assertThat(v).startsWith("Bearer"));
    assertThat(r.body()).contains("Authorization");
  }

  @Test
  void anUnknownTokenIs401() throws Exception {
    HttpResponse<String> r = get("/v1/pairs/wf/2026-11-20", "not-a-token-0123456789");
    assertThat(r.statusCode()).as(r.body()).isEqualTo(401);
  }

  @Test
  void aTokenWithoutTheReaderRoleIs403NamingTheRole() throws Exception {
    HttpResponse<String> r = get("/v1/readiness", SOURCE);
    assertThat(r.statusCode()).as(r.body()).isEqualTo(403);
    assertThat(r.body()).contains("airflow").contains("reader");
  }

  @Test
  void probesStayOpenAndAReaderReads() throws Exception {
    assertThat(get("/health", null).statusCode()).isEqualTo(200);
    HttpResponse<String> r = get("/v1/pairs/wf/2026-11-20", READER);
    assertThat(r.statusCode()).as("past the token check: " + r.body()).isIn(200, 404, 503);
  }
}
