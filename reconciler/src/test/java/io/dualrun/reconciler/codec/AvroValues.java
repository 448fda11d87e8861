package io.dualrun.reconciler.codec;

import java.time.Instant;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;

/** Generators of the field values the codec property tests fill records with. */
final class AvroValues {
  private AvroValues() {}

  /** Any short string, with empty, accented, non-Latin, surrogate-pair and NUL cases mixed in. */
  static Arbitrary<String> text() {
    return Arbitraries.oneOf(
        Arbitraries.strings().ofMaxLength(40),
        Arbitraries.of("", "é", "日本語", "👍🏽", "a\u0000b", "\uffff"));
  }

  /** {@link #text()} or null. */
  static Arbitrary<String> optionalText() {
    return text().injectNull(0.3);
  }

  /** Any instant Avro's timestamp-millis can hold. */
  static Arbitrary<Instant> times() {
    return Arbitraries.longs().map(Instant::ofEpochMilli);
  }
}
