package io.dualrun.hooks.discover;

import java.util.Locale;
import java.util.Map;

/** The {@code @daily}-style shorthands of cron and Airflow, as five-field expressions. */
final class CronMacros {
  private static final Map<String, String> MACROS =
      Map.of(
          "@yearly", "0 0 1 1 *",
          "@annually", "0 0 1 1 *",
          "@monthly", "0 0 1 * *",
          "@weekly", "0 0 * * 0",
          "@daily", "0 0 * * *",
          "@midnight", "0 0 * * *",
          "@hourly", "0 * * * *");

  private CronMacros() {}

  /** The expression for {@code text}: a macro's expansion, or {@code text} itself. */
  static String expand(String text) {
    String macro = MACROS.get(text.trim().toLowerCase(Locale.ROOT));
    return macro != null ? macro : text.trim();
  }

  static boolean isMacro(String text) {
    return MACROS.containsKey(text.trim().toLowerCase(Locale.ROOT));
  }
}
