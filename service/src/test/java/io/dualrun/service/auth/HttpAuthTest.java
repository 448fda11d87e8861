package io.dualrun.service.auth;

import static org.assertj.core.api.Assertions.assertThat;

import io.dualrun.config.auth.AccessPolicy;
import io.dualrun.config.auth.AccessToken;
import io.dualrun.config.auth.Role;
import io.javalin.Javalin;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The policy in front of real routes, over real HTTP. */
class HttpAuthTest {
  private static final String SOURCE = "source-token-0123456789";
  private static final String OPERATOR = "operator-token-0123456789";
  private static final String READER = "reader-token-0123456789";
  private static final HttpClient HTTP = HttpClient.newHttpClient();

  private Javalin app;

  private void serve(AccessPolicy policy) {
    app = Javalin.create(c -> c.showJavalinBanner = false);
    HttpAuth.install(app, policy, Map.of("/v1/events", Role.SOURCE));
    app.get("/health", ctx -> ctx.result("UP"));
    app.get("/v1/silences", ctx -> ctx.result("[]"));
    app.post("/v1/silences", ctx -> ctx.status(201).result("{}"));
    app.delete("/v1/silences/{id}", ctx -> ctx.status(200).result("{}"));
    app.post("/v1/events", ctx -> ctx.status(202).result("{}"));
    app.start("127.0.0.1", 0);
  }

  private static AccessPolicy tokens(boolean protectReads) {
    return AccessPolicy.of(
        List.of(
            new AccessToken("airflow", SOURCE, Set.of(Role.SOURCE)),
            new AccessToken("oncall", OPERATOR, Set.of(Role.OPERATOR)),
            new AccessToken("analyst", READER, Set.of(Role.READER))),
        protectReads);
  }

  @AfterEach
  void stop() {
    if (app != null) {
      app.stop();
    }
  }

  @Test
  void aMutationWithoutATokenIs401WithAChallenge() throws Exception {
    serve(tokens(false));
    HttpResponse<String> r = send("POST", "/v1/silences", null);
    assertThat(r.statusCode()).isEqualTo(401);
    assertThat(r.headers().firstValue("WWW-Authenticate")).contains("Bearer realm=\"dualrun\"");
    assertThat(r.body()).contains("\"field\":\"Authorization\"");
    assertThat(send("DELETE", "/v1/silences/s1", null).statusCode()).isEqualTo(401);
  }

  @Test
  void aWrongTokenIs401() throws Exception {
    serve(tokens(false));
    assertThat(send("POST", "/v1/silences", "operator-token-012345678X").statusCode())
        .isEqualTo(401);
    assertThat(send("POST", "/v1/events", "nope").statusCode()).isEqualTo(401);
  }

  @Test
  void aTokenWithoutTheRoleIs403NamingTheRole() throws Exception {
    serve(tokens(false));
    HttpResponse<String> r = send("POST", "/v1/silences", SOURCE);
    assertThat(r.statusCode()).isEqualTo(403);
    assertThat(r.body()).contains("'airflow'").contains("operator");
    assertThat(send("DELETE", "/v1/silences/s1", READER).statusCode()).isEqualTo(403);
    assertThat(send("POST", "/v1/events", OPERATOR).statusCode()).isEqualTo(403);
  }

  @Test
  void theRightRolePasses() throws Exception {
    serve(tokens(false));
    assertThat(send("POST", "/v1/silences", OPERATOR).statusCode()).isEqualTo(201);
    assertThat(send("DELETE", "/v1/silences/s1", OPERATOR).statusCode()).isEqualTo(200);
    assertThat(send("POST", "/v1/events", SOURCE).statusCode()).isEqualTo(202);
  }

  @Test
  void readsAreOpenUnlessProtected() throws Exception {
    serve(tokens(false));
    assertThat(send("GET", "/v1/silences", null).statusCode()).isEqualTo(200);
    app.stop();
    serve(tokens(true));
    assertThat(send("GET", "/v1/silences", null).statusCode()).isEqualTo(401);
    assertThat(send("GET", "/v1/silences", SOURCE).statusCode()).isEqualTo(403);
    assertThat(send("GET", "/v1/silences", READER).statusCode()).isEqualTo(200);
    assertThat(send("GET", "/v1/silences", OPERATOR).statusCode()).isEqualTo(200);
    assertThat(send("GET", "/health", null).statusCode()).as("probes stay open").isEqualTo(200);
  }

  @Test
  void openAccessLetsEverythingThrough() throws Exception {
    serve(AccessPolicy.open());
    assertThat(send("POST", "/v1/silences", null).statusCode()).isEqualTo(201);
    assertThat(send("POST", "/v1/events", null).statusCode()).isEqualTo(202);
  }

  private HttpResponse<String> send(String method, String path, String token) throws Exception {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + app.port() + path))
            .method(
                method,
                method.equals("GET") || method.equals("DELETE")
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString("{}"));
    if (token != null) {
      b.header("Authorization", "Bearer " + token);
    }
    return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }
}
