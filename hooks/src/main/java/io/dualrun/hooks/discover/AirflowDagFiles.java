package io.dualrun.hooks.discover;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Reads DAG ids and schedules from a directory of Airflow DAG files, without running them: {@code
 * DAG("id", …)}, {@code DAG(dag_id="id", …)}, {@code with DAG(…)} and {@code @dag(…)} on a function
 * (the function's name is the id unless {@code dag_id=} says otherwise), with a literal {@code
 * schedule=} / {@code schedule_interval=} string and an {@code "owner"} in {@code default_args}.
 * DAGs built in loops or from variables are not seen: every job found this way carries a note to
 * check it against the running Airflow ({@code GET /api/v1/dags} is exact).
 */
public final class AirflowDagFiles {
  private static final Pattern DAG_CALL =
      Pattern.compile("\\bDAG\\(\\s*(?:dag_id\\s*=\\s*)?[\"']([\\w.-]+)[\"']");
  private static final Pattern DAG_DECORATOR = Pattern.compile("@dag\\(");
  private static final Pattern DEF = Pattern.compile("\\bdef\\s+(\\w+)");
  private static final Pattern DAG_ID = Pattern.compile("dag_id\\s*=\\s*[\"']([\\w.-]+)[\"']");
  private static final Pattern SCHEDULE =
      Pattern.compile("\\bschedule(?:_interval)?\\s*=\\s*[\"']([^\"']+)[\"']");
  private static final Pattern OWNER =
      Pattern.compile("[\"']owner[\"']\\s*:\\s*[\"']([^\"']+)[\"']");

  private AirflowDagFiles() {}

  public static List<DiscoveredJob> read(Path dir) {
    List<DiscoveredJob> jobs = new ArrayList<>();
    try (Stream<Path> files = Files.walk(dir)) {
      for (Path f : files.filter(p -> p.toString().endsWith(".py")).sorted().toList()) {
        jobs.addAll(parse(f.toString(), Files.readString(f)));
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read DAG files under " + dir, e);
    }
    return jobs;
  }

  static List<DiscoveredJob> parse(String file, String source) {
    List<DiscoveredJob> jobs = new ArrayList<>();
    String owner = first(OWNER, source);
    Matcher call = DAG_CALL.matcher(source);
    while (call.find()) {
      String args = argsFrom(source, call.start());
      jobs.add(job(call.group(1), first(SCHEDULE, args), owner, file, line(source, call.start())));
    }
    Matcher decorator = DAG_DECORATOR.matcher(source);
    while (decorator.find()) {
      String args = argsFrom(source, decorator.start());
      String id = first(DAG_ID, args);
      Matcher def = DEF.matcher(source);
      String function = def.find(decorator.start() + args.length()) ? def.group(1) : null;
      if (id == null && function == null) {
        continue;
      }
      jobs.add(
          job(
              id != null ? id : function,
              first(SCHEDULE, args),
              owner,
              file,
              line(source, decorator.start())));
    }
    return jobs;
  }

  private static DiscoveredJob job(
      String id, String schedule, String owner, String file, int line) {
    List<String> notes = new ArrayList<>();
    notes.add("read from the DAG file: check against the running Airflow");
    String cron = null;
    if (schedule == null) {
      notes.add("no literal schedule found: no SLA is checked");
    } else if (CronMacros.expand(schedule).split("\\s+").length == 5) {
      cron = CronMacros.expand(schedule);
    } else {
      notes.add("schedule '" + schedule + "' is not a cron expression: no SLA is checked");
    }
    return new DiscoveredJob("airflow", id, null, cron, null, owner, file + ":" + line, notes);
  }

  /** The text of the call's parentheses starting at {@code from}, brackets balanced. */
  private static String argsFrom(String source, int from) {
    int open = source.indexOf('(', from);
    int depth = 0;
    for (int i = open; i < source.length(); i++) {
      char c = source.charAt(i);
      if (c == '(') {
        depth++;
      } else if (c == ')' && --depth == 0) {
        return source.substring(open + 1, i);
      }
    }
    return source.substring(open + 1);
  }

  private static String first(Pattern p, String text) {
    Matcher m = p.matcher(text);
    return m.find() ? m.group(1) : null;
  }

  private static int line(String source, int offset) {
    int line = 1;
    for (int i = 0; i < offset; i++) {
      if (source.charAt(i) == '\n') {
        line++;
      }
    }
    return line;
  }
}
