package io.dualrun.hooks.fingerprint;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/** A growable byte buffer, reused row after row, that canonical texts are written into. */
final class RowBuffer {
  private byte[] bytes = new byte[512];
  private final byte[] digits = new byte[20];
  private int size;

  byte[] bytes() {
    return bytes;
  }

  int size() {
    return size;
  }

  void clear() {
    size = 0;
  }

  private void ensure(int n) {
    if (size + n > bytes.length) {
      bytes = Arrays.copyOf(bytes, Math.max(bytes.length * 2, size + n));
    }
  }

  void put(int b) {
    ensure(1);
    bytes[size++] = (byte) b;
  }

  /** Reserves four bytes for a length written later by {@link #putLengthAt}. */
  int reserveLength() {
    ensure(4);
    size += 4;
    return size - 4;
  }

  void putLengthAt(int at, int n) {
    bytes[at] = (byte) (n >>> 24);
    bytes[at + 1] = (byte) (n >>> 16);
    bytes[at + 2] = (byte) (n >>> 8);
    bytes[at + 3] = (byte) n;
  }

  void put(byte[] b) {
    ensure(b.length);
    System.arraycopy(b, 0, bytes, size, b.length);
    size += b.length;
  }

  /** UTF-8 bytes of {@code s} (as {@code s.getBytes(UTF_8)}). */
  void putUtf8(String s) {
    int n = s.length();
    ensure(n);
    int start = size;
    for (int i = 0; i < n; i++) {
      char c = s.charAt(i);
      if (c >= 0x80) {
        size = start;
        put(s.getBytes(StandardCharsets.UTF_8));
        return;
      }
      bytes[size++] = (byte) c;
    }
  }

  /** Decimal digits of {@code v}, as {@link Long#toString(long)}. */
  void putLong(long v) {
    if (v == Long.MIN_VALUE) {
      putUtf8(Long.toString(v));
      return;
    }
    if (v < 0) {
      put('-');
      v = -v;
    }
    int n = digitsOf(v);
    ensure(n);
    System.arraycopy(digits, digits.length - n, bytes, size, n);
    size += n;
  }

  /** Writes the digits of non-negative {@code v} at the end of {@link #digits}; their count. */
  private int digitsOf(long v) {
    int i = digits.length;
    while (v >= 100) {
      int pair = (int) (v % 100);
      v /= 100;
      digits[--i] = (byte) ('0' + pair % 10);
      digits[--i] = (byte) ('0' + pair / 10);
    }
    int last = (int) v;
    digits[--i] = (byte) ('0' + last % 10);
    if (last >= 10) {
      digits[--i] = (byte) ('0' + last / 10);
    }
    return digits.length - i;
  }

  /** Non-negative {@code v} zero-padded to {@code width} digits. */
  void putPadded(int v, int width) {
    ensure(width);
    for (int i = width - 1; i >= 0; i--) {
      bytes[size + i] = (byte) ('0' + v % 10);
      v /= 10;
    }
    size += width;
  }

  void putZeros(int n) {
    if (n == 0) {
      return;
    }
    ensure(n);
    Arrays.fill(bytes, size, size + n, (byte) '0');
    size += n;
  }

  /**
   * The plain text of {@code unscaled × 10^-scale} ({@code unscaled} non-zero without trailing
   * zeros), as {@link java.math.BigDecimal#toPlainString()}.
   */
  void putPlain(long unscaled, int scale) {
    if (unscaled < 0) {
      put('-');
      unscaled = -unscaled;
    }
    int n = digitsOf(unscaled);
    int from = digits.length - n;
    if (scale <= 0) {
      putDigits(from, n);
      putZeros(-scale);
    } else if (scale >= n) {
      put('0');
      put('.');
      putZeros(scale - n);
      putDigits(from, n);
    } else {
      putDigits(from, n - scale);
      put('.');
      putDigits(from + n - scale, scale);
    }
  }

  private void putDigits(int from, int n) {
    ensure(n);
    System.arraycopy(digits, from, bytes, size, n);
    size += n;
  }

  String text(int from, int length) {
    return new String(bytes, from, length, StandardCharsets.UTF_8);
  }
}
