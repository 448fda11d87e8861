package io.dualrun.ingest;

import io.dualrun.config.CommonSettings;
import io.dualrun.config.ConfigException;
import io.dualrun.config.ConfigMap;
import io.dualrun.ingest.http.BearerAuth;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The ingest service's configuration: the shared settings plus the {@code ingest.*} keys. Built
 * once at start from a {@link ConfigMap}; every bad key is reported with the file and the key.
 *
 * @param common Kafka, registry, topics, inventory
 * @param host address the HTTP server binds to
 * @param port HTTP port (0: a free one)
 * @param maxBodyBytes larger request bodies are refused with 413
 * @param maxBatch larger arrays are refused with 413
 * @param writeTimeout how long a request waits for Kafka before it is answered 503
 * @param retryAfter the Retry-After advice of a 503
 * @param openAccess true only when {@code ingest.auth.open: true} is configured
 * @param tokens bearer token by source name
 * @param schemaCacheDir where the schemas ingest registered are kept, so that it can start and
 *     write while the schema registry is down
 */
public record IngestConfig(
    CommonSettings common,
    String host,
    int port,
    long maxBodyBytes,
    int maxBatch,
    Duration writeTimeout,
    Duration retryAfter,
    boolean openAccess,
    Map<String, String> tokens,
    Path schemaCacheDir) {

  public static final int DEFAULT_PORT = 7070;

  public IngestConfig {
    tokens = Map.copyOf(tokens);
  }

  /** Reads and validates the configuration; fails naming the file and the key. */
  public static IngestConfig from(ConfigMap c) {
    CommonSettings common = CommonSettings.from(c);
    Duration writeTimeout = c.duration("ingest.write-timeout", Duration.ofSeconds(10));
    if (writeTimeout.toMillis() < 1000) {
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
            c.bool("ingest.auth.open", false),
            tokens(c),
            Path.of(c.string("ingest.schema-cache-dir", "data/ingest/schema-cache")));
    if (!config.openAccess() && config.tokens().isEmpty()) {
      throw new ConfigException(
          c.source()
              + ": ingest.auth.tokens: no token is configured; give tokens per source or set"
              + " ingest.auth.open: true to accept unauthenticated requests");
    }
    return config;
  }

  /** The auth check this configuration asks for. */
  public BearerAuth auth() {
    return openAccess ? BearerAuth.open() : BearerAuth.of(tokens);
  }

  private static Map<String, String> tokens(ConfigMap c) {
    List<?> items = c.list("ingest.auth.tokens");
    Map<String, String> tokens = new LinkedHashMap<>();
    for (int i = 0; i < items.size(); i++) {
      String key = "ingest.auth.tokens[" + i + "]";
      if (!(items.get(i) instanceof Map<?, ?> item)) {
        throw new ConfigException(c.source() + ": " + key + ": must be {source: …, token: …}");
      }
      Object source = item.get("source");
      if (source == null || source.toString().isBlank()) {
        throw new ConfigException(c.source() + ": " + key + ".source: is required");
      }
      String token = token(c, key, item);
      if (tokens.putIfAbsent(source.toString(), token) != null) {
        throw new ConfigException(
            c.source() + ": " + key + ".source: '" + source + "' is configured twice");
      }
    }
    return tokens;
  }

  private static String token(ConfigMap c, String key, Map<?, ?> item) {
    for (Object name : item.keySet()) {
      if (!List.of("source", "token", "token-file", "token-env").contains(name.toString())) {
        throw new ConfigException(c.source() + ": " + key + "." + name + ": is not a known key");
      }
    }
    String token;
    if (item.get("token") != null) {
      token = item.get("token").toString();
    } else if (item.get("token-file") != null) {
      token = readFile(c, key, Path.of(item.get("token-file").toString()));
    } else if (item.get("token-env") != null) {
      token = System.getenv(item.get("token-env").toString());
      if (token == null) {
        throw new ConfigException(
            c.source() + ": " + key + ".token-env: $" + item.get("token-env") + " is not set");
      }
    } else {
      throw new ConfigException(
          c.source() + ": " + key + ": one of token, token-file, token-env is required");
    }
    if (token.strip().length() < 16) {
      throw new ConfigException(
          c.source() + ": " + key + ": the token must be at least 16 characters");
    }
    return token.strip();
  }

  private static String readFile(ConfigMap c, String key, Path file) {
    try {
      return Files.readString(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new ConfigException(
          c.source() + ": " + key + ".token-file: cannot read " + file + ": " + e.getMessage());
    }
  }
}
