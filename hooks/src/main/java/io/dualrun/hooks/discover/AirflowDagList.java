package io.dualrun.hooks.discover;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads the DAG list Airflow's REST API answers: {@code GET /api/v1/dags} (Airflow 2: {@code
 * schedule_interval} as {@code {"__type": "CronExpression", "value": …}}) or {@code GET
 * /api/v2/dags} (Airflow 3: {@code timetable_summary}). Owners and the time zone are taken when the
 * answer has them (the DAG details answer carries {@code timezone}).
 */
public final class AirflowDagList {
  private static final ObjectMapper JSON = new ObjectMapper();

  private AirflowDagList() {}

  public static List<DiscoveredJob> read(Path file) {
    try {
      return parse(file.toString(), JSON.readTree(file.toFile()));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the Airflow DAG list " + file, e);
    }
  }

  static List<DiscoveredJob> parse(String source, JsonNode root) {
    JsonNode dags = root.isArray() ? root : root.path("dags");
    if (!dags.isArray()) {
      throw new IllegalArgumentException(
          source + ": not an Airflow DAG list (no \"dags\" array; save GET /api/v1/dags)");
    }
    List<DiscoveredJob> jobs = new ArrayList<>();
    for (int i = 0; i < dags.size(); i++) {
      jobs.add(dag(dags.get(i), source + ": dags[" + i + "]"));
    }
    return jobs;
  }

  private static DiscoveredJob dag(JsonNode dag, String where) {
    String id = dag.path("dag_id").asText(null);
    if (id == null) {
      throw new IllegalArgumentException(where + ".dag_id: missing");
    }
    List<String> notes = new ArrayList<>();
    String cron = schedule(dag, notes);
    if (dag.path("is_paused").asBoolean(false)) {
      notes.add("the DAG is paused in Airflow");
    }
    String owner = null;
    JsonNode owners = dag.path("owners");
    if (owners.isArray() && !owners.isEmpty() && !owners.get(0).asText().equals("airflow")) {
      owner = owners.get(0).asText();
    }
    String zone = dag.hasNonNull("timezone") ? dag.get("timezone").asText() : null;
    return new DiscoveredJob("airflow", id, null, cron, zone, owner, where, notes);
  }

  private static String schedule(JsonNode dag, List<String> notes) {
    JsonNode interval = dag.path("schedule_interval");
    String text = null;
    if (interval.isObject()) {
      String type = interval.path("__type").asText("");
      if (type.equals("CronExpression")) {
        text = interval.path("value").asText(null);
      } else {
        notes.add("schedule is a " + type + ", not a cron expression: no SLA is checked");
        return null;
      }
    } else if (interval.isTextual()) {
      text = interval.asText();
    } else if (dag.hasNonNull("timetable_summary")) {
      text = dag.get("timetable_summary").asText();
    }
    if (text == null || text.isBlank() || text.equalsIgnoreCase("None")) {
      notes.add("no schedule (triggered only): no SLA is checked");
      return null;
    }
    String expanded = CronMacros.expand(text);
    if (expanded.split("\\s+").length != 5) {
      notes.add("schedule '" + text + "' is not a cron expression: no SLA is checked");
      return null;
    }
    return expanded;
  }
}
