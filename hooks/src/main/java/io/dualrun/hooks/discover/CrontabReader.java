package io.dualrun.hooks.discover;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads a crontab: user crontabs ({@code m h dom mon dow command}) and system ones (a user column
 * before the command), comments, blank lines, environment lines ({@code CRON_TZ=} and {@code TZ=}
 * set the time zone of the lines after them) and {@code @daily}-style macros. A job is named after
 * the script its command runs, or after the workflow of a {@code dualrun exec --workflow W}.
 */
public final class CrontabReader {
  private static final Pattern ENV = Pattern.compile("^([A-Za-z_][A-Za-z0-9_]*)\\s*=\\s*(.*)$");
  private static final Pattern USER = Pattern.compile("[a-z_][a-z0-9_-]*");
  private static final Pattern SCRIPT =
      Pattern.compile("([\\w./~-]+\\.(?:sh|bash|ksh|py|pl|rb|sql|jar|R|php))\\b");
  private static final Pattern EXEC_WORKFLOW = Pattern.compile("--workflow[ =]+\"?([\\w.-]+)");

  private CrontabReader() {}

  public static List<DiscoveredJob> read(Path file) {
    try {
      return parse(file.toString(), Files.readAllLines(file));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read crontab " + file, e);
    }
  }

  static List<DiscoveredJob> parse(String source, List<String> lines) {
    List<DiscoveredJob> jobs = new ArrayList<>();
    String zone = null;
    for (int i = 0; i < lines.size(); i++) {
      String line = lines.get(i).strip();
      String where = source + ":" + (i + 1);
      if (line.isEmpty() || line.startsWith("#")) {
        continue;
      }
      Matcher env = ENV.matcher(line);
      if (env.matches()) {
        String name = env.group(1);
        if (name.equals("CRON_TZ") || name.equals("TZ")) {
          zone = unquote(env.group(2));
        }
        continue;
      }
      DiscoveredJob job = job(line, zone, where);
      if (job != null) {
        jobs.add(job);
      }
    }
    return jobs;
  }

  private static DiscoveredJob job(String line, String zone, String where) {
    List<String> notes = new ArrayList<>();
    String[] tokens = line.split("\\s+");
    String cron;
    int commandStart;
    if (tokens[0].startsWith("@")) {
      if (!CronMacros.isMacro(tokens[0])) {
        notes.add(tokens[0] + " has no schedule dualrun can expect: no SLA is checked");
        cron = null;
      } else {
        cron = CronMacros.expand(tokens[0]);
      }
      commandStart = 1;
    } else if (tokens.length >= 6) {
      cron = String.join(" ", tokens[0], tokens[1], tokens[2], tokens[3], tokens[4]);
      commandStart = 5;
    } else {
      return null;
    }
    if (tokens.length > commandStart + 1
        && USER.matcher(tokens[commandStart]).matches()
        && looksLikeCommand(tokens[commandStart + 1])) {
      commandStart++;
    }
    if (commandStart >= tokens.length) {
      return null;
    }
    String command = String.join(" ", List.of(tokens).subList(commandStart, tokens.length));
    return new DiscoveredJob("cron", jobName(command), null, cron, zone, null, where, notes);
  }

  private static boolean looksLikeCommand(String token) {
    return token.contains("/") || token.startsWith(".") || token.equals("cd");
  }

  /** The workflow of a dualrun exec, else the script the command runs, else its first word. */
  static String jobName(String command) {
    Matcher exec = EXEC_WORKFLOW.matcher(command);
    if (command.contains("dualrun") && exec.find()) {
      return exec.group(1);
    }
    Matcher script = SCRIPT.matcher(command);
    String found = null;
    while (script.find()) {
      found = script.group(1);
    }
    String word = found != null ? found : command.split("\\s+")[0];
    int slash = word.lastIndexOf('/');
    return slash >= 0 ? word.substring(slash + 1) : word;
  }

  private static String unquote(String value) {
    String v = value.strip();
    if (v.length() >= 2
        && (v.startsWith("\"") && v.endsWith("\"") || v.startsWith("'") && v.endsWith("'"))) {
      return v.substring(1, v.length() - 1);
    }
    return v;
  }
}
