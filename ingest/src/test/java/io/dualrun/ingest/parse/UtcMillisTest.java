package io.dualrun.ingest.parse;

import static org.assertj.core.api.Assertions.assertThat;

import io.dualrun.schemas.avro.OutputFingerprint;
import io.dualrun.schemas.avro.RunEvent;
import java.time.Instant;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class UtcMillisTest {

  @ParameterizedTest
  @ValueSource(
      strings = {
        "2026-11-20T07:05:00Z",
        "2026-11-20T07:05:00.1Z",
        "2026-11-20T07:05:00.12Z",
        "2026-11-20T07:05:00.123Z",
        "1969-12-31T23:59:59.500Z",
        "0001-01-01T00:00:00Z",
        "2024-02-29T23:59:59.999Z",
        "9999-12-31T23:59:59.999Z"
      })
  void aSimpleUtcTimestampIsTheSameInstantAsIsoParsingGives(String text) {
    assertThat(Instant.ofEpochMilli(UtcMillis.parse(text))).isEqualTo(Instant.parse(text));
  }

  @Test
  void randomInstantsAgreeWithIsoParsing() {
    Random random = new Random(42);
    for (int i = 0; i < 10_000; i++) {
      Instant instant = Instant.ofEpochMilli(random.nextLong() % 253_402_300_799_000L);
      String text = instant.toString();
      long parsed = UtcMillis.parse(text);
      if (parsed != UtcMillis.NOT_SIMPLE) {
        assertThat(Instant.ofEpochMilli(parsed)).as(text).isEqualTo(Instant.parse(text));
      }
    }
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "2026-11-20T07:05:00.1234Z",
        "2026-11-20T07:05:00+01:00",
        "2026-11-20T07:05:00.Z",
        "2026-11-20t07:05:00Z",
        "2026-11-20T07:05:00z",
        "2026-02-30T07:05:00Z",
        "2026-11-20T24:00:00Z",
        "2026-11-20T23:59:60Z",
        "2026-13-20T07:05:00Z",
        "2026-11-20 07:05:00Z",
        "+2026-11-20T07:05Z",
        "2026-1a-20T07:05:00Z",
        "yesterday"
      })
  void everyOtherSpellingIsLeftToTheFullReader(String text) {
    assertThat(UtcMillis.parse(text)).isEqualTo(UtcMillis.NOT_SIMPLE);
  }

  @Test
  void theTimestampFieldsComeFromTheSchemas() {
    assertThat(UtcMillis.timestampFields(RunEvent.getClassSchema()))
        .isEqualTo(List.of("eventTime"));
    assertThat(UtcMillis.timestampFields(OutputFingerprint.getClassSchema()))
        .isEqualTo(List.of("eventTime"));
  }
}
