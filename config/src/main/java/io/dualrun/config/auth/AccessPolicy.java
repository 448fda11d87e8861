package io.dualrun.config.auth;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.List;
import java.util.Locale;

/**
 * Decides whether a request may do what needs a {@link Role}, from its {@code Authorization: Bearer
 * …} header. Tokens are compared in constant time ({@link MessageDigest#isEqual}), every configured
 * token every time, so the answer time does not tell how much of a token was right. Pure: no HTTP
 * in sight.
 */
public final class AccessPolicy {
  /** The outcome of a check. */
  public sealed interface Decision {
    /** The request may go on. */
    record Allowed(Principal principal) implements Decision {}

    /** No token, or a token nobody configured: 401. */
    record Unauthenticated(String reason) implements Decision {}

    /** A known token without the role needed: 403. */
    record Forbidden(Principal principal, Role needed) implements Decision {}
  }

  private static final String PREFIX = "bearer ";

  private final boolean open;
  private final boolean protectReads;
  private final List<AccessToken> tokens;

  private AccessPolicy(boolean open, boolean protectReads, List<AccessToken> tokens) {
    this.open = open;
    this.protectReads = protectReads;
    this.tokens = List.copyOf(tokens);
  }

  /** Everyone may do everything: only when a user asked for it ({@code auth.open: true}). */
  public static AccessPolicy open() {
    return new AccessPolicy(true, false, List.of());
  }

  /** Only these tokens; reads need {@link Role#READER} when {@code protectReads}. */
  public static AccessPolicy of(List<AccessToken> tokens, boolean protectReads) {
    return new AccessPolicy(false, protectReads, tokens);
  }

  public boolean isOpen() {
    return open;
  }

  public boolean protectsReads() {
    return protectReads;
  }

  public List<AccessToken> tokens() {
    return tokens;
  }

  /** Whether some token has {@code role}. */
  public boolean hasTokenFor(Role role) {
    return open || tokens.stream().anyMatch(t -> t.principal().may(role));
  }

  /** The same policy with more tokens. */
  public AccessPolicy with(List<AccessToken> more) {
    if (open) {
      return this;
    }
    List<AccessToken> all = new java.util.ArrayList<>(tokens);
    all.addAll(more);
    return new AccessPolicy(false, protectReads, all);
  }

  /**
   * May the bearer of {@code authorization} (the header's value, or null) do what needs {@code
   * needed}?
   */
  public Decision check(String authorization, Role needed) {
    if (open) {
      return new Decision.Allowed(Principal.ANONYMOUS);
    }
    if (authorization == null
        || authorization.length() <= PREFIX.length()
        || !authorization.substring(0, PREFIX.length()).toLowerCase(Locale.ROOT).equals(PREFIX)) {
      return new Decision.Unauthenticated("a bearer token is required (Authorization: Bearer …)");
    }
    byte[] given =
        authorization.substring(PREFIX.length()).strip().getBytes(StandardCharsets.UTF_8);
    Principal match = null;
    for (AccessToken token : tokens) {
      if (MessageDigest.isEqual(token.secret(), given) && match == null) {
        match = token.principal();
      }
    }
    if (match == null) {
      return new Decision.Unauthenticated("the bearer token is not valid");
    }
    return match.may(needed) ? new Decision.Allowed(match) : new Decision.Forbidden(match, needed);
  }
}
