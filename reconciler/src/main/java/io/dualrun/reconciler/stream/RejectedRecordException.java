package io.dualrun.reconciler.stream;

import io.dualrun.schemas.json.FieldError;
import java.util.List;
import java.util.stream.Collectors;

/**
 * An input record was read but breaks the rules (DESIGN §4): it goes to the DLQ with the field and
 * the reason, and processing continues.
 */
public final class RejectedRecordException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public RejectedRecordException(List<FieldError> errors) {
    super(
        "record refused: "
            + errors.stream().map(FieldError::toString).collect(Collectors.joining("; ")));
  }
}
