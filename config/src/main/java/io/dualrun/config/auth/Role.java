package io.dualrun.config.auth;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/**
 * What a token may do. The id is what configuration files say and what 403 answers name; it never
 * changes.
 */
public enum Role {
  /** A scheduler hook: may post run events, fingerprints and lineage to ingest. */
  SOURCE("source"),
  /** An on-call engineer: may change alerting (create and expire silences), and read. */
  OPERATOR("operator"),
  /** May read what {@code auth.protect-reads} protects. */
  READER("reader");

  private final String id;

  Role(String id) {
    this.id = id;
  }

  public String id() {
    return id;
  }

  /** Whether a token with this role may do what {@code needed} allows. */
  public boolean grants(Role needed) {
    return this == needed || (this == OPERATOR && needed == READER);
  }

  /** The role with this id (case-insensitive). */
  public static Optional<Role> byId(String id) {
    return Arrays.stream(values())
        .filter(r -> r.id.equals(id.strip().toLowerCase(Locale.ROOT)))
        .findFirst();
  }
}
