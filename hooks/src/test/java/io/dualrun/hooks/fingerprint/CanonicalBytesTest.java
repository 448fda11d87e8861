package io.dualrun.hooks.fingerprint;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.Random;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/** The bytes written by {@link CanonicalBytes} are exactly the UTF-8 of {@link Canonical#text}. */
class CanonicalBytesTest {
  static final int N = 50_000;

  static void sameAsCanonical(Function<Random, Object> values) {
    Random r = new Random(42);
    RowBuffer buffer = new RowBuffer();
    for (int i = 0; i < N; i++) {
      Object v = values.apply(r);
      buffer.clear();
      CanonicalBytes.write(v, buffer);
      assertThat(Arrays.copyOf(buffer.bytes(), buffer.size()))
          .as("%s", v)
          .isEqualTo(Canonical.text(v).getBytes(StandardCharsets.UTF_8));
    }
  }

  @Test
  void integers() {
    sameAsCanonical(r -> r.nextLong() >> r.nextInt(64));
    sameAsCanonical(r -> r.nextInt(3) == 0 ? (Object) r.nextInt() : (short) r.nextInt());
    sameAsCanonical(r -> r.nextBoolean() ? Long.MIN_VALUE : Long.MAX_VALUE);
  }

  @Test
  void floatingPoint() {
    sameAsCanonical(r -> Double.longBitsToDouble(r.nextLong()));
    sameAsCanonical(r -> Float.intBitsToFloat(r.nextInt()));
    sameAsCanonical(r -> r.nextGaussian() * Math.pow(10, r.nextInt(60) - 30));
    sameAsCanonical(r -> (double) (r.nextInt(2000) - 1000) / 8);
    double[] edges = {0.0, -0.0, Double.NaN, 1e7, 1e-3, 9999999.999, 0.001, Double.MIN_VALUE};
    sameAsCanonical(r -> edges[r.nextInt(edges.length)]);
  }

  @Test
  void decimals() {
    sameAsCanonical(r -> BigDecimal.valueOf(r.nextLong() >> r.nextInt(64), r.nextInt(40) - 20));
    sameAsCanonical(
        r -> new BigDecimal(new BigInteger(r.nextInt(120) + 1, r), r.nextInt(80) - 40).negate());
    sameAsCanonical(r -> BigDecimal.valueOf(r.nextInt(3) * 1000L, r.nextInt(8)));
  }

  @Test
  void datesAndTimes() {
    sameAsCanonical(r -> LocalDate.ofEpochDay(r.nextLong() % 5_000_000L));
    sameAsCanonical(r -> dateTime(r));
    sameAsCanonical(r -> dateTime(r).atOffset(ZoneOffset.ofTotalSeconds(r.nextInt(64800))));
    sameAsCanonical(
        r -> Instant.ofEpochSecond(r.nextLong() % 400_000_000_000L, r.nextInt(999_999_999)));
    sameAsCanonical(r -> OffsetDateTime.of(dateTime(r), ZoneOffset.ofHours(-r.nextInt(18))));
  }

  static LocalDateTime dateTime(Random r) {
    return LocalDateTime.of(
        LocalDate.ofEpochDay(r.nextLong() % 5_000_000L),
        LocalTime.ofNanoOfDay(Math.floorMod(r.nextLong(), 86_400_000_000_000L)));
  }

  @Test
  void textsAndOthers() {
    sameAsCanonical(
        r -> {
          char[] chars = new char[r.nextInt(12)];
          for (int i = 0; i < chars.length; i++) {
            chars[i] = (char) (r.nextBoolean() ? r.nextInt(128) : r.nextInt(65536));
          }
          return new String(chars);
        });
    sameAsCanonical(r -> r.nextBoolean());
    sameAsCanonical(r -> new byte[] {(byte) r.nextInt(), (byte) r.nextInt()});
    sameAsCanonical(r -> LocalTime.ofNanoOfDay(Math.floorMod(r.nextLong(), 86_400_000_000_000L)));
  }

  @Test
  void decimalSumsAreExact() {
    Random r = new Random(7);
    DecimalSum sum = new DecimalSum();
    BigDecimal expected = BigDecimal.ZERO;
    RowBuffer buffer = new RowBuffer();
    for (int i = 0; i < N; i++) {
      Object v =
          switch (i % 3) {
            case 0 -> Double.longBitsToDouble(r.nextLong());
            case 1 -> BigDecimal.valueOf(r.nextLong(), r.nextInt(30) - 10);
            default -> new BigDecimal(new BigInteger(100, r), 5);
          };
      if (v instanceof Double d && (d.isNaN() || d.isInfinite())) {
        continue;
      }
      buffer.clear();
      CanonicalBytes.write(v, buffer);
      sum.add(buffer.bytes(), 0, buffer.size(), buffer);
      expected = expected.add(new BigDecimal(Canonical.text(v)));
    }
    sum.add(Long.MAX_VALUE, 2);
    sum.add(Long.MAX_VALUE, 2);
    sum.add(Long.MIN_VALUE, 900);
    expected =
        expected
            .add(BigDecimal.valueOf(Long.MAX_VALUE, 2).multiply(BigDecimal.valueOf(2)))
            .add(BigDecimal.valueOf(Long.MIN_VALUE, 900));
    assertThat(sum.total().compareTo(expected)).isZero();
  }
}
