package io.dualrun.ingest.http;

import io.dualrun.schemas.json.FieldError;
import java.util.List;
import java.util.Map;

/**
 * A request refused with a status and the reasons, answered as {@code {"errors":[{"field",
 * "reason"}]}}.
 */
public final class ApiException extends RuntimeException {
  private static final long serialVersionUID = 1L;
  private final int status;
  private final transient List<FieldError> errors;
  private final transient Map<String, String> headers;

  public ApiException(int status, List<FieldError> errors, Map<String, String> headers) {
    super(status + " " + errors);
    this.status = status;
    this.errors = List.copyOf(errors);
    this.headers = Map.copyOf(headers);
  }

  public static ApiException of(int status, String field, String reason) {
    return new ApiException(status, List.of(new FieldError(field, reason)), Map.of());
  }

  public static ApiException badRequest(List<FieldError> errors) {
    return new ApiException(400, errors, Map.of());
  }

  public int status() {
    return status;
  }

  public List<FieldError> errors() {
    return errors;
  }

  public Map<String, String> headers() {
    return headers;
  }
}
