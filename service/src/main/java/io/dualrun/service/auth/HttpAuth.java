package io.dualrun.service.auth;

import io.dualrun.config.auth.AccessPolicy;
import io.dualrun.config.auth.Role;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import java.util.Map;
import java.util.Set;

/**
 * Puts an {@link AccessPolicy} in front of every route of a Javalin app, once per app (standalone
 * installs it once for all the services it composes):
 *
 * <ul>
 *   <li>{@code /health} and {@code /ready} are always open (probes carry no token);
 *   <li>a read ({@code GET}, {@code HEAD}) needs {@link Role#READER} only when the policy protects
 *       reads;
 *   <li>any other method needs the role {@code mutations} gives its path, else {@link
 *       Role#OPERATOR}.
 * </ul>
 *
 * Refusals: 401 with {@code WWW-Authenticate: Bearer realm="dualrun"} (no token, unknown token),
 * 403 (a known token without the role); both with {@code {"errors":[{"field","reason"}]}}.
 */
public final class HttpAuth {
  /** The context attribute naming the token a request was allowed with (absent: none checked). */
  public static final String PRINCIPAL = "dualrun.principal";

  private static final Set<String> PROBES = Set.of("/health", "/ready");
  private static final Set<HandlerType> READS = Set.of(HandlerType.GET, HandlerType.HEAD);

  private HttpAuth() {}

  public static void install(Javalin app, AccessPolicy policy, Map<String, Role> mutations) {
    app.before(ctx -> check(ctx, policy, mutations));
  }

  private static void check(Context ctx, AccessPolicy policy, Map<String, Role> mutations) {
    if (PROBES.contains(ctx.path()) || ctx.method() == HandlerType.OPTIONS) {
      return;
    }
    Role needed;
    if (READS.contains(ctx.method())) {
      if (!policy.protectsReads()) {
        return;
      }
      needed = Role.READER;
    } else {
      needed = mutations.getOrDefault(ctx.path(), Role.OPERATOR);
    }
    AccessPolicy.Decision decision = policy.check(ctx.header("Authorization"), needed);
    if (decision instanceof AccessPolicy.Decision.Allowed a && a.principal() != null) {
      ctx.attribute(PRINCIPAL, a.principal().name());
    }
    if (decision instanceof AccessPolicy.Decision.Unauthenticated u) {
      ctx.header("WWW-Authenticate", "Bearer realm=\"dualrun\"");
      refuse(ctx, 401, u.reason());
    } else if (decision instanceof AccessPolicy.Decision.Forbidden f) {
      refuse(
          ctx,
          403,
          "the token '"
              + f.principal().name()
              + "' does not have the role "
              + f.needed().id()
              + " needed for "
              + ctx.method()
              + " "
              + ctx.path());
    }
  }

  private static void refuse(Context ctx, int status, String reason) {
    ctx.status(status)
        .contentType("application/json")
        .result(
            "{\"errors\":[{\"field\":\"Authorization\",\"reason\":\""
                + reason.replace("\\", "\\\\").replace("\"", "\\\"")
                + "\"}]}");
    ctx.skipRemainingHandlers();
  }
}
