package io.dualrun.config.auth;

import java.util.Objects;
import java.util.Set;

/** Who a request is: the name of the token it bore, and that token's roles. */
public record Principal(String name, Set<Role> roles) {
  /** Anyone, when access is open. */
  public static final Principal ANONYMOUS =
      new Principal("anonymous", Set.of(Role.SOURCE, Role.OPERATOR, Role.READER));

  public Principal {
    Objects.requireNonNull(name, "name");
    roles = Set.copyOf(roles);
  }

  public boolean may(Role needed) {
    return roles.stream().anyMatch(r -> r.grants(needed));
  }
}
