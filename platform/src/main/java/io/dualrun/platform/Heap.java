package io.dualrun.platform;

import java.util.regex.Pattern;

/** Validation of a JVM heap size such as {@code 512m} or {@code 1g}. */
final class Heap {
  private static final Pattern SIZE = Pattern.compile("[1-9][0-9]*[kKmMgG]?");

  private Heap() {}

  static String validate(String key, String value) {
    if (value == null || !SIZE.matcher(value).matches()) {
      throw new IllegalArgumentException(
          key + " must be a JVM heap size such as 512m or 1g, was '" + value + "'");
    }
    return value;
  }
}
