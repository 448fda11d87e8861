package io.dualrun.config.client;

import io.dualrun.config.ConfigDef;
import io.dualrun.config.ConfigException;
import io.dualrun.config.ConfigKey;
import io.dualrun.config.ConfigMap;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What every client command ({@code exec}, {@code fingerprint}, {@code report}, {@code readiness},
 * {@code sql}) needs to reach dualrun, from one file: {@code $DUALRUN_CLIENT_CONFIG}, else {@code
 * $XDG_CONFIG_HOME/dualrun/client.yaml}, else {@code ~/.config/dualrun/client.yaml}. A flag wins
 * over an environment variable, which wins over the file, which wins over the built-in default.
 *
 * @param source the file read, or {@code (none)}
 */
public record ClientConfig(
    String source,
    Optional<String> url,
    Optional<String> token,
    Optional<String> bootstrapServers,
    Optional<String> registryUrl,
    Optional<String> flink,
    boolean flinkShipJars) {

  public static final String ENV = "DUALRUN_CLIENT_CONFIG";

  public static final ConfigKey<String> URL =
      ConfigKey.string(
          "url",
          null,
          "dualrun's HTTP address (standalone's one port, or ingest's for exec and fingerprint"
              + " and the reconciler's for report and readiness); env `DUALRUN_URL`");
  public static final ConfigKey<String> TOKEN =
      ConfigKey.string("token", null, "bearer token sent by every command; env `DUALRUN_TOKEN`");
  public static final ConfigKey<String> BOOTSTRAP_SERVERS =
      ConfigKey.string(
          "kafka.bootstrap-servers",
          null,
          "Kafka brokers for `sql`; env `DUALRUN_BOOTSTRAP_SERVERS`");
  public static final ConfigKey<String> REGISTRY_URL =
      ConfigKey.string(
          "registry.url",
          null,
          "schema registry (Confluent API) for `sql`; env `DUALRUN_REGISTRY_URL`");
  public static final ConfigKey<String> FLINK =
      ConfigKey.string(
          "flink.address",
          null,
          "`HOST:PORT` of a Flink session cluster's REST endpoint (its JobManager) that `sql` runs"
              + " its statements on instead of an embedded Flink; env `DUALRUN_FLINK`");

  public static final ConfigKey<Boolean> FLINK_SHIP_JARS =
      ConfigKey.bool(
          "flink.ship-jars",
          true,
          "whether `sql --flink` ships the Kafka connector and format jars with every job; false"
              + " for a cluster that has them in its `lib/` (faster); env"
              + " `DUALRUN_FLINK_SHIP_JARS`");

  /** The keys of the client file, as docs/hooks.md lists them. */
  public static final ConfigDef KEYS =
      new ConfigDef(
          "client", List.of(URL, TOKEN, BOOTSTRAP_SERVERS, REGISTRY_URL, FLINK, FLINK_SHIP_JARS));

  /** No file. */
  public static ClientConfig none() {
    return new ClientConfig(
        "(none)",
        Optional.empty(),
        Optional.empty(),
        Optional.empty(),
        Optional.empty(),
        Optional.empty(),
        true);
  }

  /** The file {@code env} points to (see above); none when the default file does not exist. */
  public static ClientConfig locate(Map<String, String> env) {
    String explicit = env.get(ENV);
    if (explicit != null && !explicit.isBlank()) {
      Path file = Path.of(explicit);
      if (!Files.isRegularFile(file)) {
        throw new ConfigException(ENV + ": " + file + ": no such file");
      }
      return load(file);
    }
    Path file = defaultFile(env);
    return Files.isRegularFile(file) ? load(file) : none();
  }

  static Path defaultFile(Map<String, String> env) {
    String xdg = env.get("XDG_CONFIG_HOME");
    Path base =
        xdg != null && !xdg.isBlank()
            ? Path.of(xdg)
            : Path.of(System.getProperty("user.home"), ".config");
    return base.resolve("dualrun").resolve("client.yaml");
  }

  /** Reads {@code file}; an unknown key or a wrong type fails naming the file and the key. */
  public static ClientConfig load(Path file) {
    ConfigMap c = ConfigMap.load(file);
    ClientConfig config =
        new ClientConfig(
            file.toString(),
            Optional.ofNullable(URL.from(c)),
            Optional.ofNullable(TOKEN.from(c)),
            Optional.ofNullable(BOOTSTRAP_SERVERS.from(c)),
            Optional.ofNullable(REGISTRY_URL.from(c)),
            Optional.ofNullable(FLINK.from(c)),
            FLINK_SHIP_JARS.from(c));
    c.checkNoUnknownKeys();
    return config;
  }
}
