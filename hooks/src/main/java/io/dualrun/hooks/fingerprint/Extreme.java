package io.dualrun.hooks.fingerprint;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * A column's minimum or maximum text, kept as a copy of its bytes when they are ASCII (no String
 * per change while values keep rising or falling) and as a String otherwise. Compares in the order
 * of {@link String#compareTo}.
 */
final class Extreme {
  private byte[] ascii = new byte[32];
  private int length = -1;
  private String string;

  boolean isEmpty() {
    return length < 0 && string == null;
  }

  void set(byte[] bytes, int from, int n) {
    if (n > ascii.length) {
      ascii = Arrays.copyOf(ascii, Math.max(n, ascii.length * 2));
    }
    System.arraycopy(bytes, from, ascii, 0, n);
    length = n;
    string = null;
  }

  void set(String s) {
    string = s;
    length = -1;
  }

  /** Negative, zero or positive as ASCII {@code bytes} come before, with or after this text. */
  int compareTo(byte[] bytes, int from, int n) {
    if (string != null) {
      return Ascii.compare(bytes, from, n, string);
    }
    return Arrays.compare(bytes, from, from + n, ascii, 0, length);
  }

  /** Negative, zero or positive as {@code s} comes before, with or after this text. */
  int compareTo(String s) {
    if (string != null) {
      return s.compareTo(string);
    }
    return -Ascii.compare(ascii, 0, length, s);
  }

  @Override
  public String toString() {
    if (string != null || length < 0) {
      return string;
    }
    return new String(ascii, 0, length, StandardCharsets.US_ASCII);
  }
}
