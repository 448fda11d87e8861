package io.dualrun.hooks.fingerprint;

import java.util.SplittableRandom;

/**
 * Writes {@code float-texts.txt} (the test resource {@link FloatTextTest} compares with): special
 * values and random doubles and floats, with what this Java's {@link Double#toString} and {@link
 * Float#toString} print. Run it on Java 19 or later, from the repository's root:
 *
 * <pre>
 * java hooks/src/test/java/io/dualrun/hooks/fingerprint/FloatTextsGenerator.java \
 *     &gt; hooks/src/test/resources/fingerprint/float-texts.txt
 * </pre>
 */
public final class FloatTextsGenerator {
  private FloatTextsGenerator() {}

  public static void main(String[] args) {
    if (Runtime.version().feature() < 19) {
      System.err.println("run this on Java 19 or later: earlier ones print some values longer");
      System.exit(2);
    }
    SplittableRandom random = new SplittableRandom(20261205L);
    StringBuilder out = new StringBuilder();
    out.append("# bits (d: double, f: float) and Double.toString / Float.toString of Java ")
        .append(Runtime.version().feature())
        .append(" (FloatTextsGenerator)\n");
    double[] doubles = {
      Double.MIN_VALUE,
      Double.MAX_VALUE,
      Double.MIN_NORMAL,
      1e23,
      2e23,
      1.0,
      0.1,
      0.3,
      2.70733786990221E17,
      -3.5294595709050224E25,
      9.007199254740993E15,
      1e-7,
      123456789.0,
      1.0E22,
      8.41E21,
      2.0E-3,
      1.0E-4
    };
    for (double d : doubles) {
      line(out, d);
    }
    float[] floats = {
      Float.MIN_VALUE, Float.MAX_VALUE, Float.MIN_NORMAL, 9.0432521E16f, 1.0E-5f, 0.1f, 1.0E10f
    };
    for (float f : floats) {
      line(out, f);
    }
    for (int i = 0; i < 10_000; i++) {
      // every exponent equally often, and also plain numbers of a few digits
      double d =
          i % 4 == 0
              ? random.nextInt(-1_000_000, 1_000_000) / Math.pow(10, random.nextInt(0, 7))
              : Double.longBitsToDouble(random.nextLong());
      if (!Double.isNaN(d) && !Double.isInfinite(d) && d != 0) {
        line(out, d);
      }
      float f =
          i % 4 == 0
              ? (float) (random.nextInt(-100_000, 100_000) / Math.pow(10, random.nextInt(0, 5)))
              : Float.intBitsToFloat(random.nextInt());
      if (!Float.isNaN(f) && !Float.isInfinite(f) && f != 0) {
        line(out, f);
      }
    }
    System.out.print(out);
  }

  private static void line(StringBuilder out, double d) {
    out.append('d').append(Long.toHexString(Double.doubleToRawLongBits(d)));
    out.append(' ').append(Double.toString(d)).append('\n');
  }

  private static void line(StringBuilder out, float f) {
    out.append('f').append(Integer.toHexString(Float.floatToRawIntBits(f)));
    out.append(' ').append(Float.toString(f)).append('\n');
  }
}
