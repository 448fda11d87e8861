package io.dualrun.hooks.discover;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * Where one side's jobs are read from, as given on the command line: {@code KIND:PATH} with KIND
 * {@code crontab} (a crontab file), {@code airflow} (the JSON of Airflow's {@code GET /api/v1/dags}
 * or {@code /api/v2/dags}), {@code airflow-dags} (a directory of DAG files) or {@code kestra} (a
 * directory of flow YAML files).
 */
public record JobSource(String kind, Path path) {
  static final List<String> KINDS = List.of("crontab", "airflow", "airflow-dags", "kestra");

  /** Parses {@code KIND:PATH}; the message names what is wrong. */
  public static JobSource parse(String text) {
    int colon = text.indexOf(':');
    if (colon <= 0) {
      throw new IllegalArgumentException(
          "'" + text + "' is not KIND:PATH (KIND one of " + String.join(", ", KINDS) + ")");
    }
    String kind = text.substring(0, colon).toLowerCase(Locale.ROOT);
    if (!KINDS.contains(kind)) {
      throw new IllegalArgumentException(
          "'" + kind + "' is not one of " + String.join(", ", KINDS));
    }
    Path path = Path.of(text.substring(colon + 1));
    if (!Files.exists(path)) {
      throw new IllegalArgumentException(path + ": no such file or directory");
    }
    return new JobSource(kind, path);
  }

  public List<DiscoveredJob> read() {
    return switch (kind) {
      case "crontab" -> CrontabReader.read(path);
      case "airflow" -> AirflowDagList.read(path);
      case "airflow-dags" -> AirflowDagFiles.read(path);
      case "kestra" -> KestraFlows.read(path);
      default -> throw new IllegalStateException(kind);
    };
  }

  @Override
  public String toString() {
    return kind + ":" + path;
  }
}
