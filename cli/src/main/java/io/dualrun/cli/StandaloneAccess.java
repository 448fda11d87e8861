package io.dualrun.cli;

import io.dualrun.config.ConfigMap;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Who may use a standalone's HTTP API. Standalone never opens it silently: without tokens in the
 * configuration and without {@code auth.open: true} (or {@code ingest.auth.open: true}), the first
 * start creates a token with every role, keeps it in {@code <data-dir>/auth/token} (owner-only) and
 * every start prints it.
 *
 * @param defaults configuration keys to add (the generated token), if the user set none
 * @param open whether the user opened access explicitly
 * @param tokenFile where the generated token is kept, if one is used
 * @param token the generated token, if one is used
 */
record StandaloneAccess(
    Map<String, Object> defaults, boolean open, Optional<Path> tokenFile, Optional<String> token) {
  static final List<String> AUTH_KEYS =
      List.of("auth.tokens", "auth.open", "ingest.auth.tokens", "ingest.auth.open");

  static StandaloneAccess of(ConfigMap user, Path dataDir) {
    boolean open = isTrue(user, "auth.open") || isTrue(user, "ingest.auth.open");
    if (AUTH_KEYS.stream().anyMatch(user::has)) {
      return new StandaloneAccess(Map.of(), open, Optional.empty(), Optional.empty());
    }
    Path file = dataDir.resolve("auth").resolve("token");
    String token = loadOrCreate(file);
    Map<String, Object> defaults =
        Map.of(
            "auth.tokens",
            List.of(
                Map.of(
                    "name",
                    "standalone",
                    "token-file",
                    file.toString(),
                    "roles",
                    List.of("source", "operator", "reader"))));
    return new StandaloneAccess(defaults, false, Optional.of(file), Optional.of(token));
  }

  /** What the start-up banner says about access. */
  List<String> banner(String httpUrl) {
    if (open) {
      return List.of(
          "AUTH IS OPEN: ANYONE WHO CAN REACH "
              + httpUrl
              + " MAY POST EVENTS AND SILENCE ALERTS (auth.open: true)");
    }
    if (token.isPresent()) {
      return List.of(
          "Token            "
              + token.get()
              + "   (source, operator, reader; in "
              + tokenFile.get()
              + ")",
          "                 send it as: Authorization: Bearer <token>");
    }
    return List.of("Token            as configured (auth.tokens, ingest.auth.tokens)");
  }

  private static boolean isTrue(ConfigMap user, String key) {
    return user.has(key) && Boolean.parseBoolean(String.valueOf(user.raw(key)));
  }

  private static String loadOrCreate(Path file) {
    try {
      if (Files.exists(file)) {
        return Files.readString(file, StandardCharsets.UTF_8).strip();
      }
      Files.createDirectories(file.getParent());
      byte[] random = new byte[24];
      new SecureRandom().nextBytes(random);
      String token = Base64.getUrlEncoder().withoutPadding().encodeToString(random);
      Path tmp = file.resolveSibling("token.tmp");
      Files.writeString(tmp, token + "\n", StandardCharsets.UTF_8);
      try {
        Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rw-------"));
      } catch (UnsupportedOperationException e) {
        // not a POSIX file system: the data dir's own permissions protect it
      }
      Files.move(tmp, file, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
      return token;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot keep the standalone token in " + file, e);
    }
  }
}
