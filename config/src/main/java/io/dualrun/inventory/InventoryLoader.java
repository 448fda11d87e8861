package io.dualrun.inventory;

import io.dualrun.schemas.PairKey;
import io.dualrun.schemas.normalise.ColumnRule;
import io.dualrun.schemas.normalise.Normalisation;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.composer.Composer;
import org.snakeyaml.engine.v2.exceptions.MarkedYamlEngineException;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.parser.ParserImpl;
import org.snakeyaml.engine.v2.scanner.StreamReader;

/**
 * Reads and validates {@code workflows.yaml}. Every problem is reported, each as {@code file:line:
 * field: reason}, in one {@link InventoryException}. The format is documented in {@code
 * docs/inventory.md}.
 */
public final class InventoryLoader {
  private static final Set<String> TOP = Set.of("defaults", "workflows");
  private static final Set<String> DEFAULTS = InventoryKeys.defaultsKeys();
  private static final Set<String> WORKFLOW = InventoryKeys.workflowKeys();
  private static final Set<String> SCHEDULE = InventoryKeys.keysBelow("schedule");
  private static final Set<String> SIDE =
      Set.of("orchestrator", "job", "namespace", "partitionOffset", "schedule");
  private static final Set<String> OUTPUT =
      Set.of("name", "rowCount", "ignoreColumns", "columnStats", "normalise", "sensitive");

  private static final Set<String> COLUMN_RULE =
      Set.of(
          "scale",
          "precision",
          "timezone",
          "trim",
          "caseInsensitive",
          "emptyIsNull",
          "baseline",
          "candidate");
  private static final Set<String> TOLERANCE = Set.of("absolute", "relative");

  private final List<String> problems = new ArrayList<>();
  private final YamlTree tree;

  private InventoryLoader(String source) {
    this.tree = new YamlTree(source, problems);
  }

  public static Inventory load(Path file) {
    String text;
    try {
      text = Files.readString(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new InventoryException(List.of(file + ": cannot read: " + e.getMessage()));
    }
    return parse(file.toString(), text);
  }

  public static Inventory parse(String source, String text) {
    return new InventoryLoader(source).read(text);
  }

  private Inventory read(String text) {
    Optional<Node> root;
    try {
      LoadSettings settings = LoadSettings.builder().setLabel(tree.source()).build();
      Composer composer =
          new Composer(settings, new ParserImpl(settings, new StreamReader(settings, text)));
      root = composer.getSingleNode();
    } catch (MarkedYamlEngineException e) {
      int line = e.getProblemMark().map(m -> m.getLine() + 1).orElse(0);
      throw new InventoryException(
          List.of(tree.source() + ":" + line + ": not valid YAML: " + e.getProblem()));
    }
    if (root.isEmpty()) {
      return new Inventory(tree.source(), Defaults.STANDARD, List.of());
    }
    Map<String, Node> top = tree.mapping(root.get(), "", TOP);
    Defaults defaults =
        top.containsKey("defaults") ? defaults(top.get("defaults")) : Defaults.STANDARD;
    List<WorkflowSpec> workflows = new ArrayList<>();
    if (top.containsKey("workflows")) {
      tree.entries(top.get("workflows"), "workflows")
          .forEach(e -> workflows.add(workflow(e.getKey(), e.getValue(), defaults)));
    }
    checkNativeIdsUnique(workflows);
    if (!problems.isEmpty()) {
      throw new InventoryException(problems);
    }
    return new Inventory(tree.source(), defaults, workflows);
  }

  private Defaults defaults(Node node) {
    Map<String, Node> m = tree.mapping(node, "defaults", DEFAULTS);
    Defaults d = Defaults.STANDARD;
    return new Defaults(
        tree.duration(m, "defaults", "settle", d.settle(), false),
        tree.duration(m, "defaults", "fingerprintTimeout", d.fingerprintTimeout(), false),
        tree.duration(m, "defaults", "grace", d.grace(), false),
        tree.duration(m, "defaults", "sla", d.sla(), false),
        tree.ratio(m, "defaults", "durationRatio", d.durationRatio()),
        tree.duration(m, "defaults", "durationMinDifference", d.durationMinDifference(), false),
        readiness(m, "defaults", d.readiness()),
        tree.intIn(m, "defaults", "tier", d.tier(), 1, 4),
        zone(m, "defaults", d.zone()),
        granularity(m, "defaults", d.granularity()),
        tolerance(m.get("rowCount"), "defaults.rowCount", d.rowCount()));
  }

  private WorkflowSpec workflow(String id, Node node, Defaults d) {
    String path = "workflows." + id;
    if (!PairKey.isWorkflowId(id)) {
      tree.problem(
          node, path, "'" + id + "' is not a workflow id ([A-Za-z0-9][A-Za-z0-9._-]{0,127})");
    }
    Map<String, Node> m = tree.mapping(node, path, WORKFLOW);
    String owner = tree.string(m, path, "owner", null);
    if (owner == null) {
      tree.problem(
          node, path + ".owner", "is required (the team that receives this workflow's alerts)");
    }
    ZoneId zone = zone(m, path, d.zone());
    Granularity granularity = granularity(m, path, d.granularity());
    Schedule schedule =
        m.containsKey("schedule") ? schedule(m.get("schedule"), path + ".schedule", zone) : null;
    List<OutputSpec> outputs = new ArrayList<>();
    if (m.containsKey("outputs")) {
      List<Node> items = tree.sequence(m.get("outputs"), path + ".outputs");
      Set<String> names = new HashSet<>();
      for (int i = 0; i < items.size(); i++) {
        OutputSpec o = output(items.get(i), path + ".outputs[" + i + "]", d);
        if (o != null && !names.add(o.name())) {
          tree.problem(
              items.get(i),
              path + ".outputs[" + i + "]",
              "output '" + o.name() + "' is declared twice");
        }
        if (o != null) {
          outputs.add(o);
        }
      }
    }
    return new WorkflowSpec(
        id,
        owner,
        tree.intIn(m, path, "tier", d.tier(), 1, 4),
        zone,
        granularity,
        schedule,
        tree.duration(m, path, "sla", d.sla(), false),
        tree.duration(m, path, "grace", d.grace(), false),
        tree.duration(m, path, "settle", d.settle(), false),
        tree.duration(m, path, "fingerprintTimeout", d.fingerprintTimeout(), false),
        tree.ratio(m, path, "durationRatio", d.durationRatio()),
        tree.duration(m, path, "durationMinDifference", d.durationMinDifference(), false),
        side(m.get("baseline"), path + ".baseline", zone),
        side(m.get("candidate"), path + ".candidate", zone),
        outputs,
        inputs(m.get("inputs"), path + ".inputs"),
        checked(readiness(m, path, d.readiness()), node, path, zone),
        true,
        tree.keyLine(node));
  }

  private ReadinessRules readiness(Map<String, Node> m, String path, ReadinessRules fallback) {
    return new ReadinessRules(
        tree.intIn(m, path, "readinessPartitions", fallback.partitions(), 1, 1000),
        coverage(m.get("readinessCoverage"), path + ".readinessCoverage", fallback.coverage()),
        holidays(m.get("holidays"), path + ".holidays", fallback.holidays()),
        tree.fraction(m, path, "readinessMaxMismatchRate", fallback.maxMismatchRate()));
  }

  private List<String> inputs(Node node, String path) {
    if (node == null) {
      return List.of();
    }
    List<String> out = new ArrayList<>();
    for (Node item : tree.sequence(node, path)) {
      String name = tree.scalar(item, path);
      if (name != null && name.isBlank()) {
        tree.problem(item, path, "a dataset name must not be empty");
      } else if (name != null && !out.contains(name.strip())) {
        out.add(name.strip());
      }
    }
    return out;
  }

  private Set<Coverage> coverage(Node node, String path, Set<Coverage> fallback) {
    if (node == null) {
      return fallback;
    }
    Set<Coverage> out = new HashSet<>();
    for (Node item : tree.sequence(node, path)) {
      String text = tree.scalar(item, path);
      if (text == null) {
        continue;
      }
      Optional<Coverage> c = Coverage.byId(text);
      if (c.isEmpty()) {
        tree.problem(item, path, "'" + text + "' is not one of " + Coverage.ids());
      } else {
        out.add(c.get());
      }
    }
    return out;
  }

  private List<LocalDate> holidays(Node node, String path, List<LocalDate> fallback) {
    if (node == null) {
      return fallback;
    }
    List<LocalDate> out = new ArrayList<>();
    for (Node item : tree.sequence(node, path)) {
      String text = tree.scalar(item, path);
      if (text == null) {
        continue;
      }
      try {
        out.add(LocalDate.parse(text.trim()));
      } catch (DateTimeException e) {
        tree.problem(item, path, "'" + text + "' is not a date (e.g. 2026-12-25)");
      }
    }
    return out;
  }

  /** Refuses coverage a workflow can never reach: a DST change in UTC, holidays without a list. */
  private ReadinessRules checked(ReadinessRules r, Node node, String path, ZoneId zone) {
    if (r.coverage().contains(Coverage.DST_CHANGE) && !Coverage.hasClockChanges(zone)) {
      tree.problem(
          node,
          path + ".readinessCoverage",
          "dst-change can never be covered: time zone " + zone + " does not change its clock");
    }
    if (r.coverage().contains(Coverage.HOLIDAY) && r.holidays().isEmpty()) {
      tree.problem(
          node,
          path + ".readinessCoverage",
          "holiday needs a `holidays` list of dates (2026-12-25)");
    }
    return r;
  }

  private Schedule schedule(Node node, String path, ZoneId zone) {
    Map<String, Node> m = tree.mapping(node, path, SCHEDULE);
    String cron = tree.string(m, path, "cron", null);
    if (cron == null) {
      tree.problem(
          node, path + ".cron", "is required (a UNIX cron expression such as '5 7 * * *')");
      return null;
    }
    Duration offset = tree.duration(m, path, "partitionOffset", Duration.ZERO, true);
    ZoneId own = zone(m, path, zone);
    try {
      return new Schedule(cron, own, offset);
    } catch (IllegalArgumentException e) {
      tree.problem(
          m.get("cron"),
          path + ".cron",
          "'" + cron + "' is not a UNIX cron expression: " + e.getMessage());
      return null;
    }
  }

  private SideMapping side(Node node, String path, ZoneId zone) {
    if (node == null) {
      return null;
    }
    Map<String, Node> m = tree.mapping(node, path, SIDE);
    String orchestrator = tree.string(m, path, "orchestrator", null);
    String job = tree.string(m, path, "job", null);
    if (orchestrator == null) {
      tree.problem(node, path + ".orchestrator", "is required (e.g. cron, airflow, kestra)");
    }
    if (job == null) {
      tree.problem(node, path + ".job", "is required (the native job / dag / flow id)");
    }
    return new SideMapping(
        orchestrator,
        job,
        tree.string(m, path, "namespace", null),
        tree.duration(m, path, "partitionOffset", Duration.ZERO, true),
        m.containsKey("schedule") ? schedule(m.get("schedule"), path + ".schedule", zone) : null);
  }

  private OutputSpec output(Node node, String path, Defaults d) {
    if (YamlTree.isScalar(node)) {
      String name = tree.scalar(node, path);
      return name == null ? null : new OutputSpec(name, d.rowCount(), Set.of(), Map.of());
    }
    Map<String, Node> m = tree.mapping(node, path, OUTPUT);
    String name = tree.string(m, path, "name", null);
    if (name == null) {
      tree.problem(node, path + ".name", "is required");
      return null;
    }
    Set<String> ignore = columns(m, path, "ignoreColumns");
    Set<String> sensitive = columns(m, path, "sensitive");
    Map<String, Tolerance> stats = new HashMap<>();
    if (m.containsKey("columnStats")) {
      tree.entries(m.get("columnStats"), path + ".columnStats")
          .forEach(
              e ->
                  stats.put(
                      e.getKey(),
                      tolerance(
                          e.getValue(), path + ".columnStats." + e.getKey(), Tolerance.EXACT)));
    }
    return new OutputSpec(
        name,
        tolerance(m.get("rowCount"), path + ".rowCount", d.rowCount()),
        ignore,
        stats,
        normalise(m.get("normalise"), path + ".normalise"),
        sensitive);
  }

  /** A list of column names under {@code key}, empty when absent. */
  private Set<String> columns(Map<String, Node> m, String path, String key) {
    Set<String> columns = new HashSet<>();
    if (m.containsKey(key)) {
      for (Node item : tree.sequence(m.get(key), path + "." + key)) {
        String column = tree.scalar(item, path + "." + key);
        if (column != null) {
          columns.add(column);
        }
      }
    }
    return columns;
  }

  private Normalisation normalise(Node node, String path) {
    if (node == null) {
      return Normalisation.NONE;
    }
    SortedMap<String, ColumnRule> columns = new TreeMap<>();
    for (Map.Entry<String, Node> e : tree.entries(node, path)) {
      String at = path + "." + e.getKey();
      ColumnRule.Builder b = new ColumnRule.Builder();
      boolean ok = true;
      for (Map.Entry<String, Node> rule : tree.mapping(e.getValue(), at, COLUMN_RULE).entrySet()) {
        String value = tree.scalar(rule.getValue(), at + "." + rule.getKey());
        if (value == null) {
          ok = false;
          continue;
        }
        try {
          b.set(rule.getKey(), value);
        } catch (IllegalArgumentException ex) {
          tree.problem(rule.getValue(), at + "." + rule.getKey(), ex.getMessage());
          ok = false;
        }
      }
      if (ok) {
        try {
          columns.put(e.getKey(), b.build());
        } catch (IllegalArgumentException ex) {
          tree.problem(e.getValue(), at, ex.getMessage());
        }
      }
    }
    try {
      return new Normalisation(columns);
    } catch (IllegalArgumentException ex) {
      tree.problem(node, path, ex.getMessage());
      return Normalisation.NONE;
    }
  }

  private Tolerance tolerance(Node node, String path, Tolerance fallback) {
    if (node == null) {
      return fallback;
    }
    Map<String, Node> m = tree.mapping(node, path, TOLERANCE);
    double absolute = tree.nonNegative(m, path, "absolute", fallback.absolute());
    double relative = tree.nonNegative(m, path, "relative", fallback.relative());
    return new Tolerance(absolute, relative);
  }

  private ZoneId zone(Map<String, Node> m, String path, ZoneId fallback) {
    String text = tree.string(m, path, "timezone", null);
    if (text == null) {
      return fallback;
    }
    try {
      return ZoneId.of(text);
    } catch (DateTimeException e) {
      tree.problem(
          m.get("timezone"),
          path + ".timezone",
          "'" + text + "' is not a time zone id (e.g. Europe/Paris, UTC)");
      return fallback;
    }
  }

  private Granularity granularity(Map<String, Node> m, String path, Granularity fallback) {
    String text = tree.string(m, path, "granularity", null);
    if (text == null) {
      return fallback;
    }
    try {
      return Granularity.parse(text);
    } catch (IllegalArgumentException e) {
      tree.problem(
          m.get("granularity"),
          path + ".granularity",
          "'" + text + "' is not one of hour, day, week, month");
      return fallback;
    }
  }

  private void checkNativeIdsUnique(List<WorkflowSpec> workflows) {
    Map<String, String> seen = new HashMap<>();
    for (WorkflowSpec w : workflows) {
      for (var side : java.util.Arrays.asList(w.baseline(), w.candidate())) {
        if (side == null || side.orchestrator() == null || side.job() == null) {
          continue;
        }
        String key =
            side.orchestrator().toLowerCase(java.util.Locale.ROOT)
                + "|"
                + side.namespace()
                + "|"
                + side.job();
        String other = seen.putIfAbsent(key, w.id());
        if (other != null) {
          problems.add(
              tree.source()
                  + ":"
                  + w.line()
                  + ": workflows."
                  + w.id()
                  + ": native job '"
                  + side.job()
                  + "' of "
                  + side.orchestrator()
                  + " is already mapped by workflow "
                  + other);
        }
      }
    }
  }
}
