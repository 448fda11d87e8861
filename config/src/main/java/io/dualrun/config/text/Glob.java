package io.dualrun.config.text;

import java.util.regex.Pattern;

/** A matcher value: exact text, or a glob with {@code *} (any run) and {@code ?} (one char). */
public final class Glob {
  private Glob() {}

  public static boolean matches(String glob, String value) {
    if (value == null) {
      return false;
    }
    if (glob.indexOf('*') < 0 && glob.indexOf('?') < 0) {
      return glob.equals(value);
    }
    return compile(glob).matcher(value).matches();
  }

  static Pattern compile(String glob) {
    StringBuilder regex = new StringBuilder();
    StringBuilder literal = new StringBuilder();
    for (char c : glob.toCharArray()) {
      if (c == '*' || c == '?') {
        if (!literal.isEmpty()) {
          regex.append(Pattern.quote(literal.toString()));
          literal.setLength(0);
        }
        regex.append(c == '*' ? ".*" : ".");
      } else {
        literal.append(c);
      }
    }
    if (!literal.isEmpty()) {
      regex.append(Pattern.quote(literal.toString()));
    }
    return Pattern.compile(regex.toString(), Pattern.DOTALL);
  }
}
