package io.dualrun.hooks.fingerprint;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import org.junit.jupiter.api.Test;

class CanonicalTest {
  @Test
  void integersOfEveryWidthAreDecimalText() {
    assertThat(Canonical.text(42)).isEqualTo("42");
    assertThat(Canonical.text(42L)).isEqualTo("42");
    assertThat(Canonical.text((short) -42)).isEqualTo("-42");
    assertThat(Canonical.text(new BigInteger("18446744073709551615")))
        .isEqualTo("18446744073709551615");
  }

  @Test
  void decimalsOfAnyScaleAreNormalised() {
    assertThat(Canonical.text(new BigDecimal("1.50"))).isEqualTo("1.5");
    assertThat(Canonical.text(new BigDecimal("1.500000"))).isEqualTo("1.5");
    assertThat(Canonical.text(new BigDecimal("100.00"))).isEqualTo("100");
    assertThat(Canonical.text(new BigDecimal("-0.000"))).isEqualTo("0");
    assertThat(Canonical.text(new BigDecimal("1E+3"))).isEqualTo("1000");
    assertThat(Canonical.text(new BigDecimal("5"))).isEqualTo(Canonical.text(5L));
  }

  @Test
  void floatsAreTheirShortestRoundTripText() {
    assertThat(Canonical.text(0.1)).isEqualTo("0.1");
    assertThat(Canonical.text(-0.0)).isEqualTo("0");
    assertThat(Canonical.text(5.0)).isEqualTo("5");
    assertThat(Canonical.text(1e21)).isEqualTo("1000000000000000000000");
    assertThat(Canonical.text(0.1f)).isEqualTo("0.1");
    assertThat(Canonical.text(Double.NaN)).isEqualTo("NaN");
    assertThat(Canonical.text(Double.NEGATIVE_INFINITY)).isEqualTo("-Infinity");
  }

  @Test
  void timesAreUtcWithMicroseconds() {
    String expected = "2026-11-20T06:05:00.123456Z";
    assertThat(Canonical.text(OffsetDateTime.parse("2026-11-20T07:05:00.123456789+01:00")))
        .isEqualTo(expected);
    assertThat(Canonical.text(LocalDateTime.parse("2026-11-20T06:05:00.123456")))
        .isEqualTo(expected);
    assertThat(Canonical.text(Instant.parse("2026-11-20T06:05:00.123456Z"))).isEqualTo(expected);
    assertThat(Canonical.text(LocalDate.of(2026, 1, 2))).isEqualTo("2026-01-02");
  }

  @Test
  void otherValues() {
    assertThat(Canonical.text(true)).isEqualTo("true");
    assertThat(Canonical.text(new byte[] {0, (byte) 0xAB})).isEqualTo("00ab");
    assertThat(Canonical.text(null)).isNull();
    assertThat(Canonical.text("")).isEmpty();
  }
}
