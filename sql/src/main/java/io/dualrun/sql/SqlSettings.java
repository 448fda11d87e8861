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
 * @param flink {@code host:port} of a Flink session cluster's REST endpoint to run on; null: an
 *     embedded Flink
 * @param shipJars with {@link #flink}: whether every job carries the jars of {@link ShippedJars}
 *     ({@code --[no-]ship-jars}); false for a cluster that has them on its class path
 */
public record SqlSettings(
    String bootstrapServers,
    String registryUrl,
    Map<String, String> kafkaProperties,
    int parallelism,
    ZoneId timeZone,
    Duration connectTimeout,
    Path tmpRoot,
    String flink,
    boolean shipJars) {

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
    flink = checkFlink(flink);
  }

  /** Shipping the jars when on a session cluster. */
  public SqlSettings(
      String bootstrapServers,
      String registryUrl,
      Map<String, String> kafkaProperties,
      int parallelism,
      ZoneId timeZone,
      Duration connectTimeout,
      Path tmpRoot,
      String flink) {
    this(
        bootstrapServers,
        registryUrl,
        kafkaProperties,
        parallelism,
        timeZone,
        connectTimeout,
        tmpRoot,
        flink,
        true);
  }

  /** Without a session cluster: an embedded Flink. */
  public SqlSettings(
      String bootstrapServers,
      String registryUrl,
      Map<String, String> kafkaProperties,
      int parallelism,
      ZoneId timeZone,
      Duration connectTimeout,
      Path tmpRoot) {
    this(
        bootstrapServers,
        registryUrl,
        kafkaProperties,
        parallelism,
        timeZone,
        connectTimeout,
        tmpRoot,
        null);
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
        servers,
        registry,
        kafkaProperties,
        parallelism,
        timeZone,
        connectTimeout,
        tmpRoot,
        flink,
        shipJars);
  }

  /** The same, run on the session cluster at {@code hostPort} (null: an embedded Flink). */
  public SqlSettings withFlink(String hostPort) {
    return new SqlSettings(
        bootstrapServers,
        registryUrl,
        kafkaProperties,
        parallelism,
        timeZone,
        connectTimeout,
        tmpRoot,
        hostPort,
        shipJars);
  }

  /** The same, with or without shipping the jars to the session cluster. */
  public SqlSettings withShipJars(boolean ship) {
    return new SqlSettings(
        bootstrapServers,
        registryUrl,
        kafkaProperties,
        parallelism,
        timeZone,
        connectTimeout,
        tmpRoot,
        flink,
        ship);
  }

  public SqlSettings withParallelism(int n) {
    return new SqlSettings(
        bootstrapServers,
        registryUrl,
        kafkaProperties,
        n,
        timeZone,
        connectTimeout,
        tmpRoot,
        flink,
        shipJars);
  }

  /** Whether statements run on a session cluster ({@code --flink}) rather than embedded. */
  public boolean sessionCluster() {
    return flink != null;
  }

  /** The host of {@link #flink}. */
  public String flinkHost() {
    String host = flink.substring(0, flink.lastIndexOf(':'));
    return host.startsWith("[") ? host.substring(1, host.length() - 1) : host;
  }

  /** The port of {@link #flink}. */
  public int flinkPort() {
    return Integer.parseInt(flink.substring(flink.lastIndexOf(':') + 1));
  }

  /**
   * {@code host:port}, {@code [v6-address]:port}; null or blank (no option, variable or file key)
   * means the embedded Flink.
   */
  static String checkFlink(String hostPort) {
    if (hostPort == null || hostPort.isBlank()) {
      return null;
    }
    String s = hostPort.strip();
    int colon = s.lastIndexOf(':');
    String host = colon < 0 ? "" : s.substring(0, colon);
    String port = colon < 0 ? "" : s.substring(colon + 1);
    if (host.startsWith("[") && host.endsWith("]")) {
      host = host.substring(1, host.length() - 1);
    }
    if (host.isEmpty()
        || host.contains("/")
        || host.contains(" ")
        || (host.contains(":") && !s.startsWith("["))
        || !port.matches("\\d{1,5}")
        || Integer.parseInt(port) < 1
        || Integer.parseInt(port) > 65535) {
      throw new SqlScriptException(
          "--flink '"
              + hostPort
              + "' is not HOST:PORT of a Flink REST endpoint (e.g. localhost:8081; also from"
              + " DUALRUN_FLINK or flink.address in the client file)");
    }
    return s;
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
