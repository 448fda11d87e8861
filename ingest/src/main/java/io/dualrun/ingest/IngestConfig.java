package io.dualrun.ingest;

import io.dualrun.config.AuthSettings;
import io.dualrun.config.CommonSettings;
import io.dualrun.config.ConfigException;
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

  /** Reads and validates the configuration; fails naming the file and the key. */
  public static IngestConfig from(ConfigMap c) {
    CommonSettings common = CommonSettings.from(c);
    Optional<Duration> writeTimeout =
        c.has("ingest.write-timeout")
            ? Optional.of(c.duration("ingest.write-timeout", Duration.ZERO))
            : Optional.empty();
    if (writeTimeout.isPresent() && writeTimeout.get().toMillis() < 1000) {
      throw new ConfigException(c.source() + ": ingest.write-timeout: must be at least 1s");
    }
    IngestConfig config =
        new IngestConfig(
            common,
            c.string("ingest.host", "0.0.0.0"),
            c.port("ingest.port", DEFAULT_PORT),
            c.integer("ingest.max-body-bytes", 10 * 1024 * 1024, 1024, Integer.MAX_VALUE),
            c.integer("ingest.max-batch", 10_000, 1, 1_000_000),
            writeTimeout,
            c.duration("ingest.retry-after", Duration.ofSeconds(5)),
            access(c, common),
            Path.of(c.string("ingest.schema-cache-dir", "data/ingest/schema-cache")));
    return config;
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
    if (c.bool("ingest.auth.open", false)) {
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
    List<?> items = c.list("ingest.auth.tokens");
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
