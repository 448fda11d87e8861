package io.dualrun.platform;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarFile;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A Confluent-API schema registry (Apicurio Registry 2.6 distribution) in a child JVM bound to
 * 127.0.0.1, global compatibility BACKWARD. With {@link SchemaRegistryConfig#persistent()} its H2
 * database is a file in the work directory, so schema ids survive a restart.
 */
public final class SchemaRegistryServer implements AutoCloseable {
  public static final String CCOMPAT_PATH = "/apis/ccompat/v7";
  public static final String COMPATIBILITY = "BACKWARD";
  private static final Logger LOG = LoggerFactory.getLogger(SchemaRegistryServer.class);
  private static final String CONTENT_TYPE = "application/vnd.schemaregistry.v1+json";

  private final SchemaRegistryConfig config;
  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
  private volatile ChildProcess child;
  private volatile int port;

  public SchemaRegistryServer(SchemaRegistryConfig config) {
    this.config = config;
  }

  public SchemaRegistryConfig config() {
    return config;
  }

  /** Starts the registry and returns once its ccompat API answers and compatibility is set. */
  public synchronized SchemaRegistryServer start() {
    if (isRunning()) {
      return this;
    }
    boolean restart = port != 0;
    for (int attempt = 1; ; attempt++) {
      try {
        return startOnce();
      } catch (PlatformException e) {
        if (config.port() != 0
            || restart
            || attempt >= Ports.AUTO_PORT_TRIES
            || !Ports.isPortClash(e)) {
          throw e;
        }
        port = 0;
        LOG.warn(
            "schema registry: the picked port was taken meanwhile, picking another ({})",
            e.summary());
      }
    }
  }

  private SchemaRegistryServer startOnce() {
    config.requireJava();
    Path runner =
        RegistryHome.runnerJar(config.home())
            .orElseThrow(
                () ->
                    new PlatformException(
                        "schema registry: no *-runner.jar in "
                            + config.home()
                            + "; run ./mvnw -pl platform package"));
    Path workDir = DataDirs.writable("schema registry", config.workDir());
    // a restart keeps the address clients already know, even when the first start picked it
    port = port != 0 ? port : Ports.resolve(config.port());
    Ports.requireFree(port, "schema registry");
    List<String> jvmArgs = new ArrayList<>();
    jvmArgs.add("-Xmx" + config.heap());
    jvmArgs.add("-XX:+UseSerialGC");
    jvmArgs.add("-Djava.awt.headless=true");
    jvmArgs.add("-Dquarkus.http.host=" + Ports.LOOPBACK);
    jvmArgs.add("-Dquarkus.http.port=" + port);
    jvmArgs.add("-Dquarkus.management.host=" + Ports.LOOPBACK);
    jvmArgs.add("-Dquarkus.banner.enabled=false");
    jvmArgs.add("-Dvertx.cacheDirBase=" + workDir.resolve("vertx-cache"));
    String jdbcUrl = jdbcUrl(workDir);
    jvmArgs.add("-Dquarkus.datasource.jdbc.url=" + jdbcUrl);
    long started = System.nanoTime();
    child =
        ChildProcess.start(
            "schema registry",
            config.java(),
            jvmArgs,
            List.of(runner.toString()),
            mainClass(runner),
            List.of(),
            Map.of("HTTP_PORT", Integer.toString(port), "REGISTRY_DATASOURCE_URL", jdbcUrl),
            workDir,
            logFile());
    try {
      awaitReady();
      setCompatibility();
    } catch (RuntimeException e) {
      child.kill();
      throw e;
    }
    LOG.info(
        "Schema registry ({}) listening on {} (data {}, ready in {} ms)",
        runner.getFileName().toString().replace("-runner.jar", ""),
        url(),
        config.persistent() ? workDir : "in memory",
        TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started));
    return this;
  }

  private String jdbcUrl(Path workDir) {
    return config.persistent()
        ? "jdbc:h2:file:" + workDir.resolve("registry") + ";DB_CLOSE_ON_EXIT=FALSE"
        : "jdbc:h2:mem:registry_db";
  }

  private static String mainClass(Path runner) {
    try (JarFile jar = new JarFile(runner.toFile())) {
      String main = jar.getManifest().getMainAttributes().getValue("Main-Class");
      if (main == null) {
        throw new PlatformException("schema registry: " + runner + " has no Main-Class");
      }
      return main;
    } catch (IOException e) {
      throw new PlatformException(
          "schema registry: cannot read " + runner + " (" + e.getMessage() + ")", e);
    }
  }

  private void awaitReady() {
    long deadline = System.nanoTime() + config.startTimeout().toNanos();
    String last = "no answer";
    while (System.nanoTime() < deadline) {
      if (!child.isAlive()) {
        throw child.failure(
            "schema registry exited with code "
                + child.exitCode()
                + " while starting on port "
                + port
                + " (data "
                + (config.persistent() ? config.workDir() : "in memory")
                + ")");
      }
      try {
        HttpResponse<String> response = send("GET", "/subjects", null);
        if (response.statusCode() == 200) {
          return;
        }
        last = "HTTP " + response.statusCode();
      } catch (IOException e) {
        last = e.toString();
      }
      sleep(200);
    }
    throw child.failure(
        "schema registry did not answer on "
            + url()
            + " within "
            + config.startTimeout().toSeconds()
            + " s (last: "
            + last
            + ")");
  }

  private void setCompatibility() {
    try {
      HttpResponse<String> response =
          send("PUT", "/config", "{\"compatibility\":\"" + COMPATIBILITY + "\"}");
      if (response.statusCode() != 200) {
        throw child.failure(
            "schema registry refused global compatibility "
                + COMPATIBILITY
                + ": HTTP "
                + response.statusCode()
                + " "
                + response.body());
      }
    } catch (IOException e) {
      throw new PlatformException(
          "schema registry: cannot set global compatibility on " + url() + ": " + e, e);
    }
  }

  private HttpResponse<String> send(String method, String path, String body) throws IOException {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create(url() + path))
            .timeout(Duration.ofSeconds(5))
            .header("Accept", CONTENT_TYPE);
    if (body == null) {
      request.method(method, HttpRequest.BodyPublishers.noBody());
    } else {
      request
          .header("Content-Type", CONTENT_TYPE)
          .method(method, HttpRequest.BodyPublishers.ofString(body));
    }
    try {
      return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted", e);
    }
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** {@code http://127.0.0.1:<port>/apis/ccompat/v7}; valid after {@link #start()}. */
  public String url() {
    if (port == 0) {
      throw new IllegalStateException("the schema registry has not been started");
    }
    return "http://" + Ports.LOOPBACK + ":" + port + CCOMPAT_PATH;
  }

  public int port() {
    return port;
  }

  public boolean isRunning() {
    ChildProcess current = child;
    return current != null && current.isAlive();
  }

  /** The file the registry's output goes to. */
  public Path logFile() {
    return config.workDir().resolve("registry.log");
  }

  /** Stops the registry cleanly, forcibly after 20 s. */
  public synchronized void stop() {
    ChildProcess current = child;
    if (current != null) {
      current.stop(Duration.ofSeconds(20).toMillis());
      LOG.info("Schema registry on {} stopped (exit code {})", url(), current.exitCode());
      child = null;
    }
  }

  /** Kills the registry at once, as a crash would (for fault tests). */
  public synchronized void kill() {
    ChildProcess current = child;
    if (current != null) {
      current.kill();
      child = null;
    }
  }

  @Override
  public void close() {
    stop();
  }
}
