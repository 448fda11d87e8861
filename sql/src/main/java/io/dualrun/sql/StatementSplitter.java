package io.dualrun.sql;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits a SQL script into statements at {@code ;}, ignoring semicolons inside quoted strings
 * ({@code '…'}, with {@code ''} as an escaped quote), back-quoted identifiers and comments ({@code
 * -- …} and {@code /* … *}{@code /}). Statements that hold only comments and blanks are dropped.
 */
public final class StatementSplitter {
  private StatementSplitter() {}

  /** The statements of {@code script}, each trimmed, without the terminating semicolon. */
  public static List<String> split(String script) {
    List<String> statements = new ArrayList<>();
    StringBuilder current = new StringBuilder();
    boolean meaningful = false;
    int i = 0;
    int n = script.length();
    while (i < n) {
      char c = script.charAt(i);
      int end;
      if (c == '\'' || c == '`' || c == '"') {
        end = skipQuoted(script, i, c);
        meaningful = true;
      } else if (c == '-' && i + 1 < n && script.charAt(i + 1) == '-') {
        end = skipLineComment(script, i);
      } else if (c == '/' && i + 1 < n && script.charAt(i + 1) == '*') {
        end = skipBlockComment(script, i);
      } else if (c == ';') {
        add(statements, current, meaningful);
        current.setLength(0);
        meaningful = false;
        i++;
        continue;
      } else {
        end = i + 1;
        meaningful |= !Character.isWhitespace(c);
      }
      current.append(script, i, end);
      i = end;
    }
    add(statements, current, meaningful);
    return statements;
  }

  private static void add(List<String> statements, StringBuilder text, boolean meaningful) {
    if (meaningful) {
      statements.add(text.toString().strip());
    }
  }

  private static int skipQuoted(String s, int start, char quote) {
    int i = start + 1;
    while (i < s.length()) {
      if (s.charAt(i) == quote) {
        if (i + 1 < s.length() && s.charAt(i + 1) == quote) {
          i += 2;
          continue;
        }
        return i + 1;
      }
      i++;
    }
    throw new SqlScriptException(
        "unterminated " + quoteName(quote) + " starting at character " + (start + 1));
  }

  private static String quoteName(char quote) {
    return switch (quote) {
      case '\'' -> "string literal";
      case '`' -> "back-quoted identifier";
      default -> "double-quoted identifier";
    };
  }

  private static int skipLineComment(String s, int start) {
    int end = s.indexOf('\n', start);
    return end < 0 ? s.length() : end;
  }

  private static int skipBlockComment(String s, int start) {
    int end = s.indexOf("*/", start + 2);
    if (end < 0) {
      throw new SqlScriptException("unterminated /* comment starting at character " + (start + 1));
    }
    return end + 2;
  }
}
