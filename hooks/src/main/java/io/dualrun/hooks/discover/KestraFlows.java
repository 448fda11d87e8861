package io.dualrun.hooks.discover;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;

/**
 * Reads Kestra flow definitions ({@code *.yml}/{@code *.yaml} under a directory): {@code id},
 * {@code namespace}, the cron and time zone of its {@code Schedule} trigger, and an owner from
 * {@code labels.owner} or {@code labels.team}.
 */
public final class KestraFlows {
  private KestraFlows() {}

  public static List<DiscoveredJob> read(Path dir) {
    List<DiscoveredJob> jobs = new ArrayList<>();
    try (Stream<Path> files = Files.walk(dir)) {
      for (Path f : files.filter(KestraFlows::isYaml).sorted().toList()) {
        DiscoveredJob job = flow(f.toString(), Files.readString(f));
        if (job != null) {
          jobs.add(job);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read Kestra flows under " + dir, e);
    }
    return jobs;
  }

  private static boolean isYaml(Path f) {
    String name = f.getFileName().toString();
    return Files.isRegularFile(f) && (name.endsWith(".yml") || name.endsWith(".yaml"));
  }

  /** The flow of one file, or null when the file is not a flow (no id and namespace). */
  static DiscoveredJob flow(String where, String text) {
    Object loaded = new Load(LoadSettings.builder().build()).loadFromString(text);
    if (!(loaded instanceof Map<?, ?> flow)
        || !(flow.get("id") instanceof String id)
        || !(flow.get("namespace") instanceof String namespace)) {
      return null;
    }
    List<String> notes = new ArrayList<>();
    String cron = null;
    String zone = null;
    List<Map<?, ?>> schedules = schedules(flow.get("triggers"));
    if (schedules.isEmpty()) {
      notes.add("no Schedule trigger: no SLA is checked");
    } else {
      Map<?, ?> first = schedules.get(0);
      cron = first.get("cron") instanceof String c ? CronMacros.expand(c) : null;
      zone = first.get("timezone") instanceof String z ? z : null;
      if (schedules.size() > 1) {
        notes.add(schedules.size() + " Schedule triggers: the first one was taken");
      }
    }
    String owner = null;
    if (flow.get("labels") instanceof Map<?, ?> labels) {
      Object o = labels.get("owner") != null ? labels.get("owner") : labels.get("team");
      owner = o == null ? null : o.toString();
    }
    return new DiscoveredJob(
        "kestra", namespace + "." + id, namespace, cron, zone, owner, where, notes);
  }

  private static List<Map<?, ?>> schedules(Object triggers) {
    List<Map<?, ?>> found = new ArrayList<>();
    if (triggers instanceof List<?> list) {
      for (Object t : list) {
        if (t instanceof Map<?, ?> m
            && m.get("type") instanceof String type
            && type.endsWith("Schedule")
            && !Boolean.TRUE.equals(m.get("disabled"))) {
          found.add(m);
        }
      }
    }
    return found;
  }
}
