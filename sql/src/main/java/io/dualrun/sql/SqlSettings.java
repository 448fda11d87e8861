package io.dualrun.sql;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneId;
import java.util.Map;
import java.util.Objects;

/**
 * How {@code dualrun sql} reaches Kafka and the schema registry and how it runs Flink.
 *
 * @param bootstrapServers Kafka bootstrap servers, {@code host:port[,host:port…]}
 * @param registryUrl Confluent-API schema registry base URL
 * @param kafkaProperties extra Kafka client properties (e.g. security), passed to every table
 * @param parallelism parallelism of the embedded Flink (also its number of task slots)
 * @param timeZone session time zone (how TIMESTAMP_LTZ values are shown)
 * @param connectTimeout how long to wait for Kafka before giving up
 * @param tmpRoot parent of Flink's temporary directory; null: the system temporary directory
 */
public record SqlSettings(
    String bootstrapServers,
    String registryUrl,
    Map<String, String> kafkaProperties,
    int parallelism,
    ZoneId timeZone,
    Duration connectTimeout,
    Path tmpRoot) {

  /** The standalone defaults, as in the checked-in DDL files. */
  public static final String DEFAULT_BOOTSTRAP_SERVERS = "localhost:9092";

  public static final String DEFAULT_REGISTRY_URL = "http://localhost:8081/apis/ccompat/v7";

  /** System property naming the parent of Flink's temporary directory. */
  public static final String TMP_PROPERTY = "dualrun.sql.tmp";

  public SqlSettings {
    bootstrapServers = checkBootstrap(bootstrapServers);
    registryUrl = checkRegistryUrl(registryUrl);
    kafkaProperties = Map.copyOf(Objects.requireNonNullElse(kafkaProperties, Map.of()));
    if (parallelism < 1 || parallelism > 64) {
      throw new SqlScriptException("--parallelism must be between 1 and 64, got " + parallelism);
    }
    timeZone = Objects.requireNonNullElse(timeZone, ZoneId.of("UTC"));
    connectTimeout = Objects.requireNonNullElse(connectTimeout, Duration.ofSeconds(15));
    if (connectTimeout.isNegative() || connectTimeout.isZero()) {
      throw new SqlScriptException("--connect-timeout must be positive, got " + connectTimeout);
    }
  }

  /** Standalone defaults. */
  public static SqlSettings defaults() {
    return new SqlSettings(
        DEFAULT_BOOTSTRAP_SERVERS, DEFAULT_REGISTRY_URL, Map.of(), 1, null, null, defaultTmpRoot());
  }

  /** The directory named by {@value #TMP_PROPERTY}, or null. */
  public static Path defaultTmpRoot() {
    String dir = System.getProperty(TMP_PROPERTY);
    return dir == null || dir.isBlank() ? null : Path.of(dir);
  }

  public SqlSettings withKafka(String servers, String registry) {
    return new SqlSettings(
        servers, registry, kafkaProperties, parallelism, timeZone, connectTimeout, tmpRoot);
  }

  private static String checkBootstrap(String servers) {
    if (servers == null || servers.isBlank()) {
      throw new SqlScriptException("--bootstrap-servers must not be empty");
    }
    for (String server : servers.split(",")) {
      String s = server.strip();
      int colon = s.lastIndexOf(':');
      if (colon <= 0 || !s.substring(colon + 1).matches("\\d{1,5}")) {
        throw new SqlScriptException(
            "--bootstrap-servers: '" + s + "' is not host:port (in '" + servers + "')");
      }
    }
    return servers.strip();
  }

  private static String checkRegistryUrl(String url) {
    if (url == null || url.isBlank()) {
      throw new SqlScriptException("--registry-url must not be empty");
    }
    URI uri;
    try {
      uri = URI.create(url.strip());
    } catch (IllegalArgumentException e) {
      throw new SqlScriptException("--registry-url '" + url + "' is not a URL: " + e.getMessage());
    }
    String scheme = uri.getScheme();
    if (!"http".equals(scheme) && !"https".equals(scheme) || uri.getHost() == null) {
      throw new SqlScriptException("--registry-url '" + url + "' must be an http(s) URL");
    }
    return url.strip();
  }
}
