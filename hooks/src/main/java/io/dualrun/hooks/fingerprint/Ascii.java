package io.dualrun.hooks.fingerprint;

/** Comparisons of ASCII bytes with Strings, in the order of {@link String#compareTo}. */
final class Ascii {
  private Ascii() {}

  static boolean is(byte[] bytes, int from, int length) {
    for (int i = from; i < from + length; i++) {
      if (bytes[i] < 0) {
        return false;
      }
    }
    return true;
  }

  /** {@code new String(bytes, from, length).compareTo(s)} for ASCII bytes, without the String. */
  static int compare(byte[] bytes, int from, int length, String s) {
    int n = Math.min(length, s.length());
    for (int i = 0; i < n; i++) {
      int d = bytes[from + i] - s.charAt(i);
      if (d != 0) {
        return d;
      }
    }
    return length - s.length();
  }
}
