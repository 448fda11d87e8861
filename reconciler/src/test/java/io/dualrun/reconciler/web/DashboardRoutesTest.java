package io.dualrun.reconciler.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.javalin.Javalin;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class DashboardRoutesTest {
  private static final HttpClient HTTP = HttpClient.newHttpClient();
  private static final Pattern REFERENCE = Pattern.compile("(?:src|href)=\"([^\"]+)\"");

  private Javalin app;

  @BeforeEach
  void start() {
    app = Javalin.create(c -> c.showJavalinBanner = false);
    DashboardRoutes.routes(app);
    app.start("127.0.0.1", 0);
  }

  @AfterEach
  void stop() {
    app.stop();
  }

  @ParameterizedTest
  @CsvSource({
    "/, overview.js",
    "/workflows/customer-dim, workflow.js",
    "/pairs/customer-dim/2026-11-12, pair.js",
    "/pairs/revenue.metrics_v2/2026-11-20T07, pair.js"
  })
  void servesEachPageWithItsScriptAndAStrictPolicy(String path, String script) throws Exception {
    HttpResponse<String> page = get(url(path));
    assertThat(page.statusCode()).isEqualTo(200);
    assertThat(page.headers().firstValue("Content-Type").orElse(""))
        .startsWith("text/html")
        .containsIgnoringCase("charset=utf-8");
    assertThat(page.headers().firstValue("Content-Security-Policy"))
        .hasValueSatisfying(
            p -> assertThat(p).contains("script-src 'self'").doesNotContain("unsafe"));
    assertThat(page.body()).contains("ui/" + script).contains("ui/common.js");
  }

  @ParameterizedTest
  @CsvSource({"/", "/workflows/customer-dim", "/pairs/customer-dim/2026-11-12"})
  void everyReferenceOfAPageResolvesRelativeToIt(String path) throws Exception {
    URI page = url(path);
    List<String> references = references(get(page).body());
    assertThat(references).isNotEmpty();
    for (String reference : references) {
      URI target = page.resolve(reference);
      HttpResponse<String> answer = get(target);
      assertThat(answer.statusCode()).as(reference + " from " + path).isEqualTo(200);
      String expected =
          reference.endsWith(".css")
              ? "text/css"
              : reference.endsWith(".js") ? "text/javascript" : "text/html";
      assertThat(answer.headers().firstValue("Content-Type").orElse(""))
          .as(reference)
          .startsWith(expected);
    }
  }

  @Test
  void scriptsNeverWriteMarkupFromData() throws Exception {
    for (String asset : StaticFiles.ASSET_NAMES) {
      String body = get(url(DashboardRoutes.ASSETS + asset)).body();
      assertThat(body)
          .as(asset)
          .doesNotContain("innerHTML")
          .doesNotContain("outerHTML")
          .doesNotContain("insertAdjacentHTML")
          .doesNotContain("document.write")
          .doesNotContain("eval(");
    }
  }

  @ParameterizedTest
  @CsvSource({
    "/ui/nothing.js",
    "/ui/..%2Foverview.html",
    "/ui/overview.html",
    "/ui/DashboardRoutes.class"
  })
  void refusesAnythingButItsOwnAssets(String path) throws Exception {
    assertThat(get(url(path)).statusCode()).isEqualTo(404);
  }

  private URI url(String path) {
    return URI.create("http://127.0.0.1:" + app.port() + path);
  }

  private static List<String> references(String html) {
    List<String> out = new ArrayList<>();
    Matcher m = REFERENCE.matcher(html);
    while (m.find()) {
      out.add(m.group(1));
    }
    return out;
  }

  private static HttpResponse<String> get(URI uri) throws Exception {
    return HTTP.send(HttpRequest.newBuilder(uri).build(), HttpResponse.BodyHandlers.ofString());
  }
}
