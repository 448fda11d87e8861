package io.dualrun.config;

import io.dualrun.config.auth.AccessPolicy;
import io.dualrun.config.auth.AccessToken;
import io.dualrun.config.auth.Role;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The {@code auth.*} keys every service reads:
 *
 * <pre>
 * auth:
 *   open: false            # true: no token needed for anything (must be said explicitly)
 *   protect-reads: false   # true: GET routes need a token with the reader (or operator) role
 *   tokens:
 *     - {name: oncall, token-env: DUALRUN_ONCALL_TOKEN, roles: [operator]}
 *     - {name: airflow, token-file: /run/secrets/airflow, roles: [source]}
 * </pre>
 *
 * Each token is given by exactly one of {@code token}, {@code token-file}, {@code token-env}, and
 * is at least {@value AccessToken#MIN_LENGTH} characters. Errors name the file and the key.
 */
public final class AuthSettings {
  private static final List<String> SECRET_KEYS = List.of("token", "token-file", "token-env");

  public static final ConfigKey<Boolean> OPEN =
      ConfigKey.bool(
          "auth.open",
          false,
          "true: no token is needed for anything; must be said explicitly, and cannot be combined"
              + " with tokens");
  public static final ConfigKey<Boolean> PROTECT_READS =
      ConfigKey.bool(
          "auth.protect-reads",
          false,
          "true: every GET but /health and /ready needs a token with the reader or operator role");
  public static final ConfigKey<List<?>> TOKENS =
      ConfigKey.list(
          "auth.tokens",
          "list of {name, token (or token-file, token-env), roles: [source, operator, reader]};"
              + " tokens ≥ 16 characters, names unique (see operations.md)");

  /** The {@code auth.*} keys. */
  public static final ConfigDef KEYS = new ConfigDef("auth", List.of(OPEN, PROTECT_READS, TOKENS));

  private AuthSettings() {}

  /** Whether {@code auth.open} is set to true. */
  public static boolean open(ConfigMap c) {
    return OPEN.from(c);
  }

  /** The policy of {@code auth.*}; {@code extra} tokens (e.g. ingest's sources) are added. */
  public static AccessPolicy policy(ConfigMap c, List<AccessToken> extra) {
    boolean open = open(c);
    boolean protectReads = PROTECT_READS.from(c);
    List<AccessToken> tokens = tokens(c);
    if (open && !(tokens.isEmpty() && extra.isEmpty())) {
      throw new ConfigException(
          c.source() + ": auth.open: true cannot be combined with tokens; remove one or the other");
    }
    if (open && protectReads) {
      throw new ConfigException(
          c.source() + ": auth.protect-reads: needs tokens; it cannot be combined with auth.open");
    }
    if (open) {
      return AccessPolicy.open();
    }
    List<AccessToken> all = new ArrayList<>(tokens);
    all.addAll(extra);
    checkUnique(c, all);
    return AccessPolicy.of(all, protectReads);
  }

  private static List<AccessToken> tokens(ConfigMap c) {
    List<?> items = TOKENS.from(c);
    List<AccessToken> out = new ArrayList<>();
    for (int i = 0; i < items.size(); i++) {
      String key = "auth.tokens[" + i + "]";
      if (!(items.get(i) instanceof Map<?, ?> item)) {
        throw new ConfigException(
            c.source() + ": " + key + ": must be {name: …, token: …, roles: [...]}");
      }
      checkKeys(c, key, item, List.of("name", "roles", "token", "token-file", "token-env"));
      Object name = item.get("name");
      if (name == null || name.toString().isBlank()) {
        throw new ConfigException(c.source() + ": " + key + ".name: is required");
      }
      out.add(new AccessToken(name.toString(), secret(c, key, item), roles(c, key, item)));
    }
    return out;
  }

  private static Set<Role> roles(ConfigMap c, String key, Map<?, ?> item) {
    Object roles = item.get("roles");
    if (!(roles instanceof List<?> list) || list.isEmpty()) {
      throw new ConfigException(
          c.source()
              + ": "
              + key
              + ".roles: is required, a list of source, operator, reader (e.g. [operator])");
    }
    Set<Role> out = EnumSet.noneOf(Role.class);
    for (Object r : list) {
      out.add(
          Role.byId(String.valueOf(r))
              .orElseThrow(
                  () ->
                      new ConfigException(
                          c.source()
                              + ": "
                              + key
                              + ".roles: '"
                              + r
                              + "' is not a role; known: source, operator, reader")));
    }
    return out;
  }

  /** Fails naming the first key of {@code item} that is not in {@code known}. */
  public static void checkKeys(ConfigMap c, String key, Map<?, ?> item, List<String> known) {
    for (Object name : item.keySet()) {
      if (!known.contains(name.toString())) {
        throw new ConfigException(c.source() + ": " + key + "." + name + ": is not a known key");
      }
    }
  }

  /**
   * The secret of the token entry {@code item} at {@code key}: from exactly one of {@code token},
   * {@code token-file}, {@code token-env}.
   */
  public static String secret(ConfigMap c, String key, Map<?, ?> item) {
    long given = SECRET_KEYS.stream().filter(k -> item.get(k) != null).count();
    if (given != 1) {
      throw new ConfigException(
          c.source() + ": " + key + ": exactly one of token, token-file, token-env is required");
    }
    String token;
    if (item.get("token") != null) {
      token = item.get("token").toString();
    } else if (item.get("token-file") != null) {
      token = readFile(c, key, Path.of(item.get("token-file").toString()));
    } else {
      token = System.getenv(item.get("token-env").toString());
      if (token == null) {
        throw new ConfigException(
            c.source() + ": " + key + ".token-env: $" + item.get("token-env") + " is not set");
      }
    }
    if (token.strip().length() < AccessToken.MIN_LENGTH) {
      throw new ConfigException(
          c.source()
              + ": "
              + key
              + ": the token must be at least "
              + AccessToken.MIN_LENGTH
              + " characters");
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

  private static void checkUnique(ConfigMap c, List<AccessToken> tokens) {
    Set<String> names = new HashSet<>();
    for (AccessToken t : tokens) {
      if (!names.add(t.principal().name())) {
        throw new ConfigException(
            c.source() + ": auth.tokens: the name '" + t.principal().name() + "' is used twice");
      }
    }
  }
}
