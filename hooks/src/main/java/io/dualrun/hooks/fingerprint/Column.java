package io.dualrun.hooks.fingerprint;

import io.dualrun.schemas.ColumnKind;
import java.util.Locale;

/**
 * A column of a source: lower-case name and normalised type.
 *
 * @param name lower-case column name
 * @param kind normalised type
 */
public record Column(String name, ColumnKind kind) {
  public Column {
    name = name.toLowerCase(Locale.ROOT);
  }
}
