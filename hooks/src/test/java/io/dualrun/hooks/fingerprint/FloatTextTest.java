package io.dualrun.hooks.fingerprint;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The float text is the same on every Java: it equals, character for character, what {@link
 * Double#toString} and {@link Float#toString} print on Java 19 and later, as recorded in {@code
 * float-texts.txt} (written by {@link FloatTextsGenerator} on Java 25) for special values and
 * 20,000 random doubles and floats, of which Java 17 prints 847 otherwise.
 */
class FloatTextTest {
  @Test
  void knownValuesJava17PrintsLonger() {
    assertThat(FloatText.of(2.70733786990221E17)).isEqualTo("2.70733786990221E17");
    assertThat(FloatText.of(-0.0)).isEqualTo("-0.0");
    assertThat(FloatText.of(Double.NaN)).isEqualTo("NaN");
    assertThat(FloatText.of(Float.NEGATIVE_INFINITY)).isEqualTo("-Infinity");
    assertThat(Canonical.floating(2.70733786990221E17)).isEqualTo("270733786990221000");
    assertThat(Canonical.floating(2.0E23)).isEqualTo("200000000000000000000000");
    assertThat(Canonical.floating(9.0432521E16f)).isEqualTo("90432520000000000");
    assertThat(Canonical.floating(0.1)).isEqualTo("0.1");
    assertThat(Canonical.floating(-1.0E-5)).isEqualTo("-0.00001");
    assertThat(Canonical.floating(Double.MIN_VALUE)).startsWith("0.000");
  }

  @Test
  void equalsWhatJava19AndLaterPrint() throws Exception {
    List<String> lines;
    try (var in = FloatTextTest.class.getResourceAsStream("/fingerprint/float-texts.txt")) {
      assertThat(in).as("the test resource fingerprint/float-texts.txt").isNotNull();
      lines =
          new String(in.readAllBytes(), StandardCharsets.UTF_8)
              .lines()
              .filter(l -> !l.startsWith("#"))
              .toList();
    }
    assertThat(lines).hasSizeGreaterThan(19_000);
    for (String line : lines) {
      String bits = line.substring(1, line.indexOf(' '));
      String java19 = line.substring(line.indexOf(' ') + 1);
      String here =
          line.startsWith("f")
              ? FloatText.of(Float.intBitsToFloat(Integer.parseUnsignedInt(bits, 16)))
              : FloatText.of(Double.longBitsToDouble(Long.parseUnsignedLong(bits, 16)));
      assertThat(here).as("%s: here %s, Java 19+ prints %s", line, here, java19).isEqualTo(java19);
    }
  }
}
