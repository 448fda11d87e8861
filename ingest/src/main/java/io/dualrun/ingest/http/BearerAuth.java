package io.dualrun.ingest.http;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Checks {@code Authorization: Bearer <token>} against the configured tokens, in constant time
 * ({@link MessageDigest#isEqual}), every token compared. Open access must be asked for explicitly.
 */
public final class BearerAuth {
  private static final String PREFIX = "bearer ";
  private final boolean open;
  private final List<Map.Entry<String, byte[]>> tokens;

  private BearerAuth(boolean open, Map<String, String> tokens) {
    this.open = open;
    this.tokens =
        tokens.entrySet().stream()
            .map(e -> Map.entry(e.getKey(), e.getValue().getBytes(StandardCharsets.UTF_8)))
            .toList();
  }

  /** Accepts every request; its source is {@code anonymous}. */
  public static BearerAuth open() {
    return new BearerAuth(true, Map.of());
  }

  /** Accepts requests bearing one of {@code tokensBySource}' values. */
  public static BearerAuth of(Map<String, String> tokensBySource) {
    return new BearerAuth(false, tokensBySource);
  }

  /**
   * The source whose token the request bears.
   *
   * @param authorization the Authorization header, or null
   * @return the source, or empty when the request must be refused with 401
   */
  public Optional<String> source(String authorization) {
    if (open) {
      return Optional.of("anonymous");
    }
    if (authorization == null
        || authorization.length() <= PREFIX.length()
        || !authorization.substring(0, PREFIX.length()).toLowerCase(Locale.ROOT).equals(PREFIX)) {
      return Optional.empty();
    }
    byte[] given =
        authorization.substring(PREFIX.length()).strip().getBytes(StandardCharsets.UTF_8);
    String match = null;
    for (Map.Entry<String, byte[]> token : tokens) {
      if (MessageDigest.isEqual(token.getValue(), given) && match == null) {
        match = token.getKey();
      }
    }
    return Optional.ofNullable(match);
  }
}
