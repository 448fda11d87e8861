package io.dualrun.ingest.http;

import io.dualrun.ingest.parse.Parsed;
import java.util.Map;

/**
 * An answer of an ingest endpoint: status, extra headers and the body record.
 *
 * @param body one of {@link Answers}' records
 */
public record Reply(int status, Map<String, String> headers, Object body) {
  public Reply {
    headers = Map.copyOf(headers);
  }

  public static Reply accepted(Object body) {
    return new Reply(202, Map.of(), body);
  }

  public static Reply refused(int status, String reason) {
    return new Reply(status, Map.of(), Answers.Errors.of(reason));
  }

  /**
   * The refusal a reading gave: 400 with every field in error, or 413 saying which limit; {@code
   * null} when the reading gave a value.
   */
  public static Reply refusal(Parsed<?> parsed) {
    if (parsed instanceof Parsed.Invalid<?> invalid) {
      return new Reply(400, Map.of(), Answers.Errors.of(invalid.errors()));
    }
    if (parsed instanceof Parsed.TooLarge<?> tooLarge) {
      return refused(413, tooLarge.reason());
    }
    return null;
  }
}
