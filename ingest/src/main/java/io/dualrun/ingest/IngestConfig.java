package io.dualrun.ingest;

import io.dualrun.config.AuthSettings;
import io.dualrun.config.CommonSettings;
import io.dualrun.config.ConfigDef;
import io.dualrun.config.ConfigException;
import io.dualrun.config.ConfigKey;
import io.dualrun.config.ConfigMap;
import io.dualrun.config.auth.AccessPolicy;
import io.dualrun.config.auth.AccessToken;
import io.dualrun.config.auth.Role;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The ingest service's configuration: the shared settings plus the {@code ingest.*} keys. Built
 * once at start from a {@link ConfigMap}; every bad key is reported with the file and the key.
 *
 * @param common Kafka, registry, topics, inventory
 * @param host address the HTTP server binds to
 * @param port HTTP port (0: a free one)
 * @param maxBodyBytes larger request bodies are refused with 413
 * @param maxBatch larger arrays are refused with 413
 * @param writeTimeout how long a request waits for Kafka before it is answered 503; empty: derived
 *     from the cluster's session timeout at start ({@code WriteTimeout})
 * @param retryAfter the Retry-After advice of a 503
 * @param access who may post: the {@code ingest.auth.tokens} (role source) and {@code auth.tokens}
 * @param schemaCacheDir where the schemas ingest registered are kept, so that it can start and
 *     write while the schema registry is down
 */
public record IngestConfig(
    CommonSettings common,
    String host,
    int port,
    long maxBodyBytes,
    int maxBatch,
    Optional<Duration> writeTimeout,
    Duration retryAfter,
    AccessPolicy access,
    Path schemaCacheDir) {

  public static final int DEFAULT_PORT = 7070;

  public static final ConfigKey<String> HOST =
      ConfigKey.string("ingest.host", "0.0.0.0", "bind address");
  public static final ConfigKey<Integer> PORT =
      ConfigKey.port("ingest.port", DEFAULT_PORT, "HTTP port (0: a free one)");
  public static final ConfigKey<Integer> MAX_BODY_BYTES =
      ConfigKey.integer(
          "ingest.max-body-bytes",
          10 * 1024 * 1024,
          1024,
          Integer.MAX_VALUE,
          "larger request bodies are refused with 413");
  public static final ConfigKey<Integer> MAX_BATCH =
      ConfigKey.integer(
          "ingest.max-batch", 10_000, 1, 1_000_000, "larger arrays are refused with 413");
  public static final ConfigKey<Duration> WRITE_TIMEOUT =
      ConfigKey.duration(
              "ingest.write-timeout",
              null,
              Duration.ofSeconds(1),
              "how long a request may wait for Kafka (≥ 1s) before it is answered 503; sets the"
                  + " producer's `delivery.timeout.ms`, `request.timeout.ms` (half) and"
                  + " `max.block.ms`. Unset: twice the brokers' `broker.session.timeout.ms` plus"
                  + " 10 s, read from the cluster at start (28 s against Kafka's default 9 s), so"
                  + " that a request in flight when a broker dies waits for the new partition"
                  + " leader instead of getting a 503 (see operations.md)")
          .defaultShownAs("derived");
  public static final ConfigKey<Duration> RETRY_AFTER =
      ConfigKey.duration(
          "ingest.retry-after", Duration.ofSeconds(5), Duration.ZERO, "`Retry-After` of a 503");
  public static final ConfigKey<List<?>> TOKENS =
      ConfigKey.list(
          "ingest.auth.tokens",
          "list of `{source, token}` (or `token-file`, `token-env`); tokens ≥ 16 characters; each"
              + " has the `source` role");
  public static final ConfigKey<Boolean> OPEN =
      ConfigKey.bool(
          "ingest.auth.open", false, "accept requests without a token; must be set explicitly");
  public static final ConfigKey<String> SCHEMA_CACHE_DIR =
      ConfigKey.string(
          "ingest.schema-cache-dir",
          "data/ingest/schema-cache",
          "where the ids of the schemas ingest registered are kept, so that it starts and writes"
              + " while the registry is down (standalone: `<data-dir>/ingest/schema-cache`)");

  /** The {@code ingest.*} keys. */
  public static final ConfigDef KEYS =
      new ConfigDef(
          "ingest",
          List.of(
              HOST,
              PORT,
              MAX_BODY_BYTES,
              MAX_BATCH,
              WRITE_TIMEOUT,
              RETRY_AFTER,
              TOKENS,
              OPEN,
              SCHEMA_CACHE_DIR));

  /** Every key ingest reads, as its docs table lists them. */
  public static final ConfigDef ALL_KEYS = ConfigDef.of("ingest", CommonSettings.KEYS, KEYS);

  /** Reads and validates the configuration; fails naming the file and the key. */
  public static IngestConfig from(ConfigMap c) {
    CommonSettings common = CommonSettings.from(c);
    return new IngestConfig(
        common,
        HOST.from(c),
        PORT.from(c),
        MAX_BODY_BYTES.from(c),
        MAX_BATCH.from(c),
        Optional.ofNullable(WRITE_TIMEOUT.from(c)),
        RETRY_AFTER.from(c),
        access(c, common),
        Path.of(SCHEMA_CACHE_DIR.from(c)));
  }

  /** The auth check this configuration asks for. */
  public AccessPolicy auth() {
    return access;
  }

  /**
   * {@code ingest.auth.open: true} (or {@code auth.open: true}) opens ingest; otherwise at least
   * one token must have the source role: the {@code ingest.auth.tokens} have it, {@code
   * auth.tokens} may.
   */
  private static AccessPolicy access(ConfigMap c, CommonSettings common) {
    List<AccessToken> sources = sourceTokens(c);
    if (OPEN.from(c)) {
      if (!sources.isEmpty() || !common.access().tokens().isEmpty()) {
        throw new ConfigException(
            c.source()
                + ": ingest.auth.open: true cannot be combined with tokens; remove one or the"
                + " other");
      }
      return AccessPolicy.open();
    }
    if (common.access().isOpen()) {
      if (!sources.isEmpty()) {
        throw new ConfigException(
            c.source() + ": auth.open: true cannot be combined with ingest.auth.tokens");
      }
      return common.access();
    }
    AccessPolicy access = common.access().with(sources);
    if (!access.hasTokenFor(Role.SOURCE)) {
      throw new ConfigException(
          c.source()
              + ": ingest.auth.tokens: no token is configured; give tokens per source (or"
              + " auth.tokens with the source role) or set ingest.auth.open: true to accept"
              + " unauthenticated requests");
    }
    return access;
  }

  private static List<AccessToken> sourceTokens(ConfigMap c) {
    List<?> items = TOKENS.from(c);
    List<AccessToken> tokens = new ArrayList<>();
    Set<String> names = new HashSet<>();
    for (int i = 0; i < items.size(); i++) {
      String key = "ingest.auth.tokens[" + i + "]";
      if (!(items.get(i) instanceof Map<?, ?> item)) {
        throw new ConfigException(c.source() + ": " + key + ": must be {source: …, token: …}");
      }
      AuthSettings.checkKeys(c, key, item, List.of("source", "token", "token-file", "token-env"));
      Object source = item.get("source");
      if (source == null || source.toString().isBlank()) {
        throw new ConfigException(c.source() + ": " + key + ".source: is required");
      }
      if (!names.add(source.toString())) {
        throw new ConfigException(
            c.source() + ": " + key + ".source: '" + source + "' is configured twice");
      }
      tokens.add(
          new AccessToken(
              source.toString(), AuthSettings.secret(c, key, item), Set.of(Role.SOURCE)));
    }
    return tokens;
  }
}
