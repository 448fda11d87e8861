package io.dualrun.ingest.parse;

import io.dualrun.schemas.json.FieldError;
import java.util.List;
import java.util.function.Function;

/**
 * What reading a request body gave: the value, or why there is none — fields in error (the HTTP
 * layer answers 400) or more than a limit allows (413). Reading never throws to refuse a body.
 *
 * @param <T> the value read
 */
public sealed interface Parsed<T> {

  /** Read. */
  record Ok<T>(T value) implements Parsed<T> {}

  /** Not read: every field in error, with the reason. */
  record Invalid<T>(List<FieldError> errors) implements Parsed<T> {
    public Invalid {
      errors = List.copyOf(errors);
    }
  }

  /** Not read: larger than a limit, saying which. */
  record TooLarge<T>(String reason) implements Parsed<T> {}

  static <T> Parsed<T> ok(T value) {
    return new Ok<>(value);
  }

  static <T> Parsed<T> invalid(String field, String reason) {
    return new Invalid<>(List.of(new FieldError(field, reason)));
  }

  /** The value mapped when read; the same refusal otherwise. */
  default <U> Parsed<U> map(Function<? super T, ? extends U> f) {
    return flatMap(v -> ok(f.apply(v)));
  }

  /** The next reading when read; the same refusal otherwise. */
  default <U> Parsed<U> flatMap(Function<? super T, Parsed<U>> f) {
    if (this instanceof Ok<T> ok) {
      return f.apply(ok.value());
    }
    if (this instanceof Invalid<T> invalid) {
      return new Invalid<>(invalid.errors());
    }
    return new TooLarge<>(((TooLarge<T>) this).reason());
  }
}
