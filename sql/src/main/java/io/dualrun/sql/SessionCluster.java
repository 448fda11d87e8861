package io.dualrun.sql;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.apache.flink.api.common.RuntimeExecutionMode;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.CoreOptions;
import org.apache.flink.configuration.DeploymentOptions;
import org.apache.flink.configuration.ExecutionOptions;
import org.apache.flink.configuration.PipelineOptions;
import org.apache.flink.configuration.RestOptions;
import org.apache.flink.runtime.util.EnvironmentInformation;
import org.apache.flink.table.api.EnvironmentSettings;
import org.apache.flink.table.api.TableEnvironment;
import org.apache.flink.table.api.config.TableConfigOptions;

/**
 * A running Flink session cluster ({@code --flink HOST:PORT}, its JobManager's REST endpoint) that
 * table environments submit their jobs to, with the jars of {@link ShippedJars} unless {@code
 * --no-ship-jars}.
 */
public final class SessionCluster implements FlinkCluster {
  private final SqlSettings settings;
  private final String version;
  private final Path tmpDir;
  private final List<URL> jars;

  private SessionCluster(SqlSettings settings, String version, Path tmpDir, List<URL> jars) {
    this.settings = settings;
    this.version = version;
    this.tmpDir = tmpDir;
    this.jars = jars;
  }

  /**
   * Checks that a Flink REST endpoint of the same minor version answers at {@code settings.flink()}
   * within the connect timeout; fails naming {@code --flink} otherwise.
   */
  public static SessionCluster connect(SqlSettings settings) {
    String version = probe(settings);
    Path tmpDir;
    try {
      Path root = settings.tmpRoot();
      if (root != null) {
        Files.createDirectories(root);
      }
      tmpDir =
          root == null
              ? Files.createTempDirectory("dualrun-sql-")
              : Files.createTempDirectory(root, "dualrun-sql-");
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create a temporary directory", e);
    }
    return new SessionCluster(
        settings, version, tmpDir, settings.shipJars() ? ShippedJars.locate(tmpDir) : List.of());
  }

  /** GET /v1/config: the cluster's Flink version, or an error naming the option. */
  static String probe(SqlSettings settings) {
    String where = "--flink " + settings.flink();
    URI uri = URI.create(restUrl(settings) + "/v1/config");
    HttpClient client = HttpClient.newBuilder().connectTimeout(settings.connectTimeout()).build();
    HttpResponse<String> response;
    try {
      response =
          client.send(
              HttpRequest.newBuilder(uri).timeout(settings.connectTimeout()).GET().build(),
              HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new SqlScriptException(
          where
              + ": no Flink session cluster answers there (GET "
              + uri
              + ": "
              + (e.getMessage() == null ? e.getClass().getSimpleName() : e.toString())
              + ")",
          e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new SqlScriptException(where + ": interrupted while connecting", e);
    }
    if (response.statusCode() != 200) {
      throw new SqlScriptException(
          where
              + ": GET "
              + uri
              + " answered HTTP "
              + response.statusCode()
              + ", not a Flink JobManager's REST endpoint");
    }
    String version;
    try {
      JsonNode config = new ObjectMapper().readTree(response.body());
      version = config == null ? null : config.path("flink-version").asText(null);
    } catch (IOException e) {
      version = null;
    }
    if (version == null || version.isBlank()) {
      throw new SqlScriptException(
          where + ": GET " + uri + " answered without a flink-version, not a Flink REST endpoint");
    }
    String own = EnvironmentInformation.getVersion();
    if (!minor(version).equals(minor(own))) {
      throw new SqlScriptException(
          where
              + ": the cluster runs Flink "
              + version
              + "; dualrun sql submits jobs of Flink "
              + own
              + " (needs a "
              + minor(own)
              + ".x cluster)");
    }
    return version;
  }

  private static String minor(String version) {
    String[] parts = version.split("[.-]");
    return parts.length < 2 ? version : parts[0] + "." + parts[1];
  }

  private static String restUrl(SqlSettings settings) {
    String host = settings.flinkHost();
    return "http://" + (host.contains(":") ? "[" + host + "]" : host) + ":" + settings.flinkPort();
  }

  @Override
  public TableEnvironment newTableEnvironment(RuntimeExecutionMode mode) {
    Configuration conf = new Configuration();
    conf.set(DeploymentOptions.TARGET, "remote");
    conf.set(RestOptions.ADDRESS, settings.flinkHost());
    conf.set(RestOptions.PORT, settings.flinkPort());
    conf.set(CoreOptions.DEFAULT_PARALLELISM, settings.parallelism());
    if (!jars.isEmpty()) {
      conf.set(PipelineOptions.JARS, jars.stream().map(URL::toString).toList());
    }
    conf.set(ExecutionOptions.RUNTIME_MODE, mode);
    conf.set(TableConfigOptions.LOCAL_TIME_ZONE, settings.timeZone().getId());
    return TableEnvironment.create(
        EnvironmentSettings.newInstance().withConfiguration(conf).build());
  }

  @Override
  public boolean detached() {
    return true;
  }

  @Override
  public String restUrl() {
    return restUrl(settings);
  }

  /** The cluster's Flink version. */
  public String version() {
    return version;
  }

  /** What is shipped with every job (none with {@code --no-ship-jars}). */
  public List<URL> jars() {
    return jars;
  }

  @Override
  public void close() {
    try (Stream<Path> paths = Files.walk(tmpDir)) {
      paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      // best effort, as for the embedded Flink's temporary directory
    }
  }
}
