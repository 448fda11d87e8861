package io.dualrun.config.auth;

import java.nio.charset.StandardCharsets;
import java.util.Objects;
import java.util.Set;

/** A configured bearer token: its secret and who presents it. */
public final class AccessToken {
  /** Shorter secrets are refused at start. */
  public static final int MIN_LENGTH = 16;

  private final byte[] secret;
  private final Principal principal;

  public AccessToken(String name, String secret, Set<Role> roles) {
    Objects.requireNonNull(secret, "secret");
    this.secret = secret.strip().getBytes(StandardCharsets.UTF_8);
    this.principal = new Principal(name, roles);
  }

  byte[] secret() {
    return secret;
  }

  public Principal principal() {
    return principal;
  }

  @Override
  public String toString() {
    return "AccessToken[" + principal.name() + " " + principal.roles() + "]";
  }
}
