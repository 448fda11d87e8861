package io.dualrun.schemas.json;

/**
 * One reason a JSON document was refused.
 *
 * @param field path of the field, e.g. {@code columns[2].nulls}, or {@code [3].status} in a batch
 * @param reason what is wrong with it
 */
public record FieldError(String field, String reason) {
  public FieldError prefixed(String prefix) {
    if (prefix.isEmpty()) {
      return this;
    }
    if (field.isEmpty() || field.startsWith("[")) {
      return new FieldError(prefix + field, reason);
    }
    return new FieldError(prefix + "." + field, reason);
  }

  @Override
  public String toString() {
    return (field.isEmpty() ? "(document)" : field) + ": " + reason;
  }
}
