package io.dualrun.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dualrun.cli.demo.DemoLoader;
import io.dualrun.cli.demo.SampleMigration;
import io.dualrun.schemas.avro.RunEvent;
import io.dualrun.schemas.avro.RunStatus;
import io.dualrun.schemas.avro.Side;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.avro.specific.SpecificRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The web dashboard in a real browser (Debian's headless Chromium driven by Selenium) against a
 * standalone loaded with the demo migration: from the overview to a mismatching pair, whose
 * baseline and candidate values must be on the page. Screenshots go to {@code target/screenshots/}.
 */
class DashboardBrowserIT {
  private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
  private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
  private static final Path SCREENSHOTS = Path.of("target", "screenshots");
  private static final Duration VERDICTS_TIMEOUT = Duration.ofSeconds(240);
  private static final String WORKFLOW = "customer-dim";
  private static final String PARTITION = "2026-11-12";
  private static final String HOSTILE =
      "<img src=x onerror=\"document.title='injected'\"> & <b>bold</b>";
  private static final HttpClient HTTP = HttpClient.newHttpClient();
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path dataDir;
  @TempDir Path browserProfile;

  private Standalone standalone;
  private WebDriver browser;

  @AfterEach
  void stop() {
    if (browser != null) {
      browser.quit();
    }
    if (standalone != null) {
      standalone.close();
    }
  }

  @Test
  void overviewLeadsToAMismatchingPairShowingBothSidesValues() throws Exception {
    requireBrowser();
    Path inventory = dataDir.resolve("workflows.yaml");
    try (var in = DashboardBrowserIT.class.getResourceAsStream("/demo/workflows.yaml")) {
      java.nio.file.Files.copy(in, inventory);
    }
    // the standalone runs live: a pair settles on the wall clock, 5 s after both sides ended
    // instead of the demo's 2 minutes
    String demo = java.nio.file.Files.readString(inventory);
    String quick = demo.replaceFirst("(?m)^  settle: 2m$", "  settle: 5s");
    assertThat(quick).as("the demo inventory's default settle").isNotEqualTo(demo);
    java.nio.file.Files.writeString(inventory, quick);
    standalone =
        Standalones.create(
                StandaloneConfig.onFreePorts(dataDir.resolve("data")),
                io.dualrun.config.ConfigMap.of(
                    "test", java.util.Map.of("inventory", inventory.toString())))
            .start();
    List<SpecificRecord> records = new ArrayList<>(SampleMigration.records());
    records.addAll(hostilePair());
    requireDashboard();
    DemoLoader.waive(
        standalone.platform().kafkaConfig(),
        standalone.platform().catalog(),
        SampleMigration.waiver());
    awaitWaiver(SampleMigration.waiver().getId());
    DemoLoader.load(standalone.platform().kafkaConfig(), standalone.platform().catalog(), records);
    awaitMismatch(WORKFLOW, PARTITION);
    awaitMismatch("xss-probe", "2026-11-20");
    JsonNode expected = findingOf(get("/v1/pairs/" + WORKFLOW + "/" + PARTITION), "ROW_COUNT");
    publishDrillDown();

    browser = chromium();
    WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(30));
    browser.get(standalone.httpUrl() + "/");
    wait.until(
        ExpectedConditions.presenceOfElementLocated(
            By.cssSelector("tr[data-workflow='" + WORKFLOW + "']")));
    wait.until(
        d -> {
          try {
            return d.findElement(By.id("headline")).getText().equals(expectedHeadline());
          } catch (Exception e) {
            return false;
          }
        });
    overviewRowAgreesWithTheApi(wait, WORKFLOW);
    overviewRowAgreesWithTheApi(wait, "marketing-attribution");
    WebElement waves = wait.until(ExpectedConditions.presenceOfElementLocated(By.id("wave-table")));
    assertThat(waves.findElement(By.cssSelector("tr[data-workflow='churn-features']")).getText())
        .as("a workflow reading only sources is in wave 1")
        .startsWith("1 churn-features");
    assertThat(browser.findElement(By.id("waves")).getText())
        .contains("Cycle, cut over together: finance-ledger, payments-recon");
    By waiverRow = By.cssSelector("#waiver-table tr[data-waiver='w-touch-ts-as-text']");
    try {
      wait.until(ExpectedConditions.presenceOfElementLocated(waiverRow));
    } catch (org.openqa.selenium.TimeoutException e) {
      throw new AssertionError(
          "no waiver row on the overview; the waivers section reads: "
              + browser.findElement(By.id("waivers")).getText()
              + "; status: "
              + browser.findElement(By.id("status")).getText(),
          e);
    }
    WebElement waiver = browser.findElement(waiverRow);
    assertThat(waiver.getText())
        .as("the overview lists the waivers")
        .contains("marketing-attribution")
        .contains("output mart.attribution, kind SCHEMA")
        .contains("analytics-lead@example.com")
        .contains("2027-02-01 00:00:00Z");
    screenshot("overview");
    browser.findElement(By.cssSelector("tr[data-workflow='" + WORKFLOW + "'] th a")).click();
    WebElement week =
        wait.until(
            ExpectedConditions.presenceOfElementLocated(
                By.cssSelector("#trend-table tr[data-week='2026-11-09']")));
    assertThat(week.getText())
        .as("parity of the week holding the two mismatches: 5 of 7 decided partitions match")
        .isEqualTo("2026-11-09 7 5 0 2 71.4 %");
    WebElement evidence =
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("readiness-evidence")));
    assertThat(evidence.getText())
        .as("the workflow page says what its decided partitions show")
        .isEqualTo(get("/v1/readiness/" + WORKFLOW).path("evidence").path("statement").asText())
        .contains("decided partitions: the mismatch rate is below");

    wait.until(ExpectedConditions.presenceOfElementLocated(By.linkText(PARTITION))).click();
    WebElement row =
        wait.until(
            ExpectedConditions.presenceOfElementLocated(
                By.cssSelector("#finding-table tr[data-kind='ROW_COUNT']")));
    String baseline = row.findElement(By.className("baseline-value")).getText();
    String candidate = row.findElement(By.className("candidate-value")).getText();
    assertThat(baseline).isEqualTo(expected.path("baselineValue").asText()).isNotBlank();
    assertThat(candidate)
        .isEqualTo(expected.path("candidateValue").asText())
        .isNotEqualTo(baseline);
    String outputs = browser.findElement(By.id("output-table")).getText();
    assertThat(outputs).contains(baseline).contains(candidate);
    assertThat(browser.getCurrentUrl()).endsWith("/pairs/" + WORKFLOW + "/" + PARTITION);
    WebElement changedRow =
        wait.until(
            ExpectedConditions.presenceOfElementLocated(
                By.cssSelector(
                    "#drill-downs section[data-output='dw.drill_probe'] tr[data-kind='CHANGED']")));
    assertThat(changedRow.getText())
        .as("the drill-down's changed row: key, unchanged value, both values of the changed one")
        .isEqualTo("CHANGED 1042 1042 10.50 → 10.05\n(differs)");
    assertThat(browser.findElement(By.id("drill-downs")).getText())
        .contains(
            "0 only in the baseline, 0 only in the candidate, 1 changed · revision 1 · 2026-11-22"
                + " 08:00:03Z");
    screenshot("pair-" + WORKFLOW + "-" + PARTITION);

    browser.get(standalone.httpUrl() + "/workflows/marketing-attribution");
    WebElement waivedWeek =
        wait.until(
            ExpectedConditions.presenceOfElementLocated(
                By.cssSelector("#trend-table tr[data-week='2026-11-16']")));
    assertThat(waivedWeek.getText())
        .as("the last week's differences are all waived: counted apart, and as parity")
        .isEqualTo("2026-11-16 5 0 5 0 100.0 %");
    assertThat(browser.findElement(By.id("workflow-waivers")).getText())
        .contains("w-touch-ts-as-text");
    screenshot("workflow-marketing-attribution");

    browser.get(standalone.httpUrl() + "/pairs/xss-probe/2026-11-20");
    WebElement error =
        wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("pre.error-text")));
    assertThat(error.getText()).isEqualTo(HOSTILE);
    assertThat(browser.findElements(By.cssSelector("#runs img, #runs b"))).isEmpty();
    assertThat(browser.getTitle()).doesNotContain("injected");
    screenshot("pair-hostile-text");
  }

  /**
   * While lists come partly from copies that may lag (one instance down, or a rebalance moving its
   * state), the status line names the instance. The pages against a server answering the lists as a
   * reconciler does then: with {@code X-Dualrun-Stale-From}.
   */
  @Test
  void statusLineNamesTheInstancesWhosePairsMayLag() throws Exception {
    requireBrowser();
    io.javalin.Javalin api = io.javalin.Javalin.create(c -> c.showJavalinBanner = false);
    try {
      io.dualrun.reconciler.web.DashboardRoutes.routes(api);
      String stale = io.dualrun.reconciler.rest.ReconcilerRoutes.STALE_HEADER;
      api.get(
          "/v1/workflows",
          ctx ->
              ctx.header(stale, "10.0.0.7:8082")
                  .json(
                      List.of(
                          Map.of(
                              "workflow",
                              "orders",
                              "inventoried",
                              true,
                              "counts",
                              Map.of("MATCH", 1),
                              "partitions",
                              1,
                              "cleanStreak",
                              1,
                              "openBreaches",
                              List.of(),
                              "latestPartition",
                              "2026-12-01"))));
      api.get("/v1/readiness", ctx -> ctx.header(stale, "10.0.0.7:8082").json(List.of()));
      api.get("/v1/waves", ctx -> ctx.json(Map.of("workflows", List.of(), "cycles", List.of())));
      api.get("/v1/waivers", ctx -> ctx.json(List.of()));
      api.get(
          "/v1/pairs/{workflow}/{partition}",
          ctx -> ctx.status(404).json(Map.of("error", "no pair")));
      api.start("127.0.0.1", 0);
      browser = chromium();
      browser.get("http://127.0.0.1:" + api.port() + "/");
      WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(30));
      wait.until(
          ExpectedConditions.presenceOfElementLocated(
              By.cssSelector("tr[data-workflow='orders']")));
      WebElement status = browser.findElement(By.id("status"));
      wait.until(d -> status.getText().startsWith("Updated"));
      assertThat(status.getText())
          .contains(
              "(partly from copies that may lag: 10.0.0.7:8082 did not answer, or a rebalance was"
                  + " moving its state)");
      assertThat(status.getAttribute("class")).isEqualTo("status warning");
      screenshot("overview-stale");
    } finally {
      api.stop();
    }
  }

  /**
   * Each cell of the workflow's overview row, read under its column's header, says what {@code
   * /v1/workflows} says (the page polls: asked again until both agree, for up to 30 s).
   */
  private void overviewRowAgreesWithTheApi(WebDriverWait wait, String workflow) {
    String[] last = {""};
    try {
      wait.until(
          d -> {
            try {
              Map<String, String> page = overviewRow(d, workflow);
              Map<String, String> api = expectedOverviewRow(workflow);
              last[0] = "page " + page + ", API " + api;
              return page.entrySet().containsAll(api.entrySet());
            } catch (Exception e) {
              last[0] = e.toString();
              return false;
            }
          });
    } catch (org.openqa.selenium.TimeoutException e) {
      throw new AssertionError(
          "the overview's row of " + workflow + " disagrees with /v1/workflows: " + last[0], e);
    }
  }

  /** Header label → cell text of one row of the overview's workflow table. */
  private static Map<String, String> overviewRow(WebDriver d, String workflow) {
    List<String> labels =
        d.findElements(By.cssSelector("#workflow-table thead th")).stream()
            .map(h -> h.getText().replace("▲", "").replace("▼", "").strip())
            .toList();
    List<WebElement> cells =
        d.findElements(By.cssSelector("#workflow-table tr[data-workflow='" + workflow + "'] > *"));
    if (labels.size() != cells.size()) {
      throw new IllegalStateException(
          labels.size() + " column headers " + labels + " but " + cells.size() + " cells");
    }
    Map<String, String> row = new java.util.LinkedHashMap<>();
    for (int i = 0; i < labels.size(); i++) {
      row.put(labels.get(i), cells.get(i).getText().strip());
    }
    return row;
  }

  /** What the overview's row must show, from {@code /v1/workflows}. */
  private Map<String, String> expectedOverviewRow(String workflow) throws Exception {
    JsonNode summary = null;
    for (JsonNode s : get("/v1/workflows")) {
      if (s.path("workflow").asText().equals(workflow)) {
        summary = s;
      }
    }
    assertThat(summary).as(workflow + " in /v1/workflows").isNotNull();
    JsonNode counts = summary.path("counts");
    int match = counts.path("MATCH").asInt();
    int mismatch = counts.path("MISMATCH").asInt();
    int waived = counts.path("MATCH_WITH_WAIVER").asInt();
    int decided = match + mismatch + waived;
    double percent = Math.floor((match + waived) * 1000.0 / decided) / 10;
    String shown =
        percent == Math.rint(percent) ? Long.toString((long) percent) : Double.toString(percent);
    Map<String, String> row = new java.util.LinkedHashMap<>();
    row.put("Parity", (match + waived) + " / " + decided + " (" + shown + "%)");
    row.put("MATCH", Integer.toString(match));
    row.put("MISMATCH", Integer.toString(mismatch));
    row.put("WAIVED", Integer.toString(waived));
    row.put("PENDING", Integer.toString(counts.path("PENDING").asInt()));
    row.put("Clean streak", Integer.toString(summary.path("cleanStreak").asInt()));
    row.put("Open breaches", Integer.toString(summary.path("openBreaches").size()));
    return row;
  }

  /** A drill-down report for the mismatching pair, as dualrun drilldown writes it. */
  private void publishDrillDown() throws Exception {
    java.time.Instant t = java.time.Instant.parse("2026-11-22T08:00:00Z");
    io.dualrun.schemas.avro.DiffReport report =
        io.dualrun.schemas.avro.DiffReport.newBuilder()
            .setWorkflow(WORKFLOW)
            .setPartition(PARTITION)
            .setOutput("dw.drill_probe")
            .setRevision(1)
            .setDrillId("d-browser")
            .setStatus(io.dualrun.schemas.avro.DiffStatus.DIFFERENT)
            .setBaselineAgent("baseline:dw.drill_probe")
            .setCandidateAgent("candidate:dw.drill_probe")
            .setKeyColumns(List.of("id"))
            .setColumns(List.of("id", "amount"))
            .setChanged(1)
            .setRows(
                List.of(
                    new io.dualrun.schemas.avro.RowDifference(
                        io.dualrun.schemas.avro.RowDifferenceKind.CHANGED,
                        List.of("1042"),
                        List.of("amount"),
                        List.of("1042", "10.50"),
                        List.of("1042", "10.05"))))
            .setStartedAt(t)
            .setFinishedAt(t.plusSeconds(3))
            .build();
    var catalog = standalone.platform().catalog();
    try (var producer =
        new org.apache.kafka.clients.producer.KafkaProducer<>(
            standalone.platform().kafkaConfig(),
            catalog.diffs().keySerde().serializer(),
            catalog.diffs().valueSerde().serializer())) {
      producer
          .send(
              new org.apache.kafka.clients.producer.ProducerRecord<>(
                  catalog.diffs().name(), WORKFLOW + "/" + PARTITION, report))
          .get();
    }
  }

  private static void requireBrowser() {
    if (!Files.isExecutable(CHROMIUM) || !Files.isExecutable(CHROMEDRIVER)) {
      throw new AssertionError(
          "the browser test needs Debian's chromium and chromium-driver packages ("
              + CHROMIUM
              + ", "
              + CHROMEDRIVER
              + "): apt-get install -y chromium chromium-driver");
    }
  }

  private void requireDashboard() throws Exception {
    HttpResponse<String> overview = send("/");
    if (overview.statusCode() != 200 || !overview.body().contains("ui/overview.js")) {
      throw new AssertionError(
          "the standalone does not serve the dashboard at / (HTTP "
              + overview.statusCode()
              + "): ReconcilerService.routes must mount DashboardRoutes");
    }
  }

  private WebDriver chromium() {
    ChromeOptions options = new ChromeOptions();
    options.setBinary(CHROMIUM.toFile());
    options.addArguments(
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--window-size=1400,1100",
        "--user-data-dir=" + browserProfile.toAbsolutePath());
    ChromeDriverService service =
        new ChromeDriverService.Builder()
            .usingDriverExecutable(CHROMEDRIVER.toFile())
            .usingAnyFreePort()
            .build();
    return new ChromeDriver(service, options);
  }

  /** An uninventoried pair whose candidate failed with markup in its task name and error. */
  private static List<SpecificRecord> hostilePair() {
    Instant start = Instant.parse("2026-11-21T06:00:00Z");
    return List.of(
        run("xss-baseline", Side.BASELINE, RunStatus.SUCCEEDED, start, null, null),
        run("xss-candidate-task", Side.CANDIDATE, RunStatus.FAILED, start, "<b>load</b>", HOSTILE),
        run(
            "xss-candidate",
            Side.CANDIDATE,
            RunStatus.FAILED,
            start.plusSeconds(5),
            null,
            HOSTILE));
  }

  private static RunEvent run(
      String id, Side side, RunStatus status, Instant start, String task, String error) {
    return RunEvent.newBuilder()
        .setEventId(id)
        .setWorkflow("xss-probe")
        .setPartition("2026-11-20")
        .setSide(side)
        .setOrchestrator(side == Side.BASELINE ? "cron" : "airflow")
        .setRunId(id)
        .setAttempt(1)
        .setStatus(status)
        .setEventTime(start.plusSeconds(600))
        .setTask(task)
        .setError(error)
        .setAttributes(Map.of())
        .build();
  }

  private void awaitMismatch(String workflow, String partition) throws Exception {
    long deadline = System.nanoTime() + VERDICTS_TIMEOUT.toNanos();
    String last = "";
    while (System.nanoTime() < deadline) {
      HttpResponse<String> answer = send("/v1/pairs/" + workflow + "/" + partition);
      if (answer.statusCode() == 404 && !answer.body().startsWith("{")) {
        throw new AssertionError(
            "the standalone does not serve the reconciler's /v1/pairs: Standalones.create must"
                + " host the ReconcilerService");
      }
      if (answer.statusCode() == 200
          && JSON.readTree(answer.body()).path("outcome").asText().equals("MISMATCH")) {
        return;
      }
      last = answer.statusCode() + " " + answer.body();
      Thread.sleep(1000);
    }
    throw new AssertionError(
        workflow
            + "/"
            + partition
            + " did not become MISMATCH within "
            + VERDICTS_TIMEOUT
            + ": "
            + last);
  }

  private static JsonNode findingOf(JsonNode pair, String kind) {
    for (JsonNode f : pair.path("findings")) {
      if (f.path("kind").asText().equals(kind)) {
        return f;
      }
    }
    throw new AssertionError("no " + kind + " finding in " + pair);
  }

  /** Waits until the reconciler shows the waiver {@code id}, before any pair is decided. */
  private void awaitWaiver(String id) throws Exception {
    long until = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    while (System.nanoTime() < until) {
      HttpResponse<String> r =
          HTTP.send(
              HttpRequest.newBuilder(URI.create(standalone.httpUrl() + "/v1/waivers/" + id))
                  .GET()
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      if (r.statusCode() == 200) {
        return;
      }
      Thread.sleep(100);
    }
    throw new AssertionError("waiver " + id + " never shown by the reconciler");
  }

  /** The overview's headline as the API's answers say it should read. */
  private String expectedHeadline() throws Exception {
    JsonNode readiness = get("/v1/readiness");
    int ready = 0;
    for (JsonNode r : readiness) {
      ready += r.path("status").asText().equals("READY") ? 1 : 0;
    }
    int cutOver = 0;
    for (JsonNode w : get("/v1/waves").path("workflows")) {
      cutOver += w.path("status").asText().equals("CUT_OVER") ? 1 : 0;
    }
    return ready + " of " + readiness.size() + " workflows ready, " + cutOver + " cut over";
  }

  private JsonNode get(String path) throws Exception {
    HttpResponse<String> answer = send(path);
    assertThat(answer.statusCode()).as(path + ": " + answer.body()).isEqualTo(200);
    return JSON.readTree(answer.body());
  }

  private HttpResponse<String> send(String path) throws Exception {
    return HTTP.send(
        HttpRequest.newBuilder(URI.create(standalone.httpUrl() + path))
            .timeout(Duration.ofSeconds(20))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  /**
   * Saves a screenshot of the page, after checking that no value reached it as a script's
   * placeholder text ({@code [object …]}, {@code undefined}, {@code NaN}).
   */
  private void screenshot(String name) throws Exception {
    String text = browser.findElement(By.tagName("body")).getText();
    for (String leaked : List.of("[object ", "undefined", "NaN")) {
      assertThat(text).as("page " + name + " shows a script's placeholder").doesNotContain(leaked);
    }
    Files.createDirectories(SCREENSHOTS);
    Path png = ((TakesScreenshot) browser).getScreenshotAs(OutputType.FILE).toPath();
    Files.copy(
        png, SCREENSHOTS.resolve(name + ".png"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
  }
}
