package io.dualrun.hooks.discover;

import java.util.List;

/**
 * One job found in a scheduler's definitions.
 *
 * @param orchestrator dualrun's name of the scheduler: {@code cron}, {@code airflow}, {@code
 *     kestra}
 * @param job the native id the inventory maps: script name, DAG id, Kestra {@code namespace.flowId}
 * @param namespace the scheduler's namespace {@code job} starts with (Kestra), or null
 * @param cron UNIX cron expression of its schedule, or null when it has none dualrun can use
 * @param timezone time zone of the schedule, or null when the scheduler's default applies
 * @param owner owner named by the definition, or null
 * @param where file and line the job was read from
 * @param notes what a human should check
 */
public record DiscoveredJob(
    String orchestrator,
    String job,
    String namespace,
    String cron,
    String timezone,
    String owner,
    String where,
    List<String> notes) {

  public DiscoveredJob {
    notes = List.copyOf(notes);
  }

  /** The name that says what the job is: its id without the namespace. */
  public String name() {
    return namespace != null && job.startsWith(namespace + ".")
        ? job.substring(namespace.length() + 1)
        : job;
  }
}
