package io.dualrun.inventory;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * In which order workflows may cut over: a workflow must not move before the workflows it reads
 * from. The datasets each workflow writes ({@code outputs}) and reads ({@code inputs}) make a graph
 * (U is upstream of W when W reads a dataset U writes); workflows that read each other's outputs (a
 * cycle) can only move together. Wave 1 holds the workflows whose upstream workflows have all cut
 * over; wave k + 1 those whose upstream workflows are in waves up to k. A workflow is
 * <em>eligible</em> now when it is READY and every upstream workflow has cut over or is in its own
 * cycle and READY too. A pure function of the inventory, the readiness statuses and what has cut
 * over.
 */
public final class CutoverWaves {
  private CutoverWaves() {}

  /**
   * One workflow's place.
   *
   * @param workflow workflow id
   * @param wave 1, 2, …; 0 when it has cut over
   * @param status READY, NOT_READY or CUT_OVER
   * @param eligible whether it may cut over now
   * @param upstream the workflows it reads from, directly
   * @param downstream the workflows reading its outputs, directly
   * @param blastRadius every workflow downstream of it, directly or not
   * @param blockedBy why it is not eligible (empty when eligible or cut over)
   * @param cycle the other workflows of its cycle, empty when in none
   */
  public record Placement(
      String workflow,
      int wave,
      String status,
      boolean eligible,
      List<String> upstream,
      List<String> downstream,
      List<String> blastRadius,
      List<String> blockedBy,
      List<String> cycle) {}

  /**
   * The plan.
   *
   * @param waves wave number → its workflows (wave 0: cut over)
   * @param cycles groups of workflows that read each other's outputs
   * @param workflows every declared workflow, by wave then id
   */
  public record Plan(
      Map<Integer, List<String>> waves, List<List<String>> cycles, List<Placement> workflows) {}

  /**
   * The datasets each workflow was seen to read and write (OpenLineage inputs and outputs,
   * announced and fingerprinted outputs), beside what the inventory declares.
   *
   * @param reads workflow → datasets it read
   * @param writes workflow → datasets it wrote
   */
  public record Observed(Map<String, Set<String>> reads, Map<String, Set<String>> writes) {
    public static final Observed NONE = new Observed(Map.of(), Map.of());

    Set<String> readsOf(String workflow) {
      return reads.getOrDefault(workflow, Set.of());
    }

    Set<String> writesOf(String workflow) {
      return writes.getOrDefault(workflow, Set.of());
    }
  }

  /** {@link #plan(List, Observed, Map, Set)} from the inventory's datasets alone. */
  public static Plan plan(
      List<WorkflowSpec> specs, Map<String, String> status, Set<String> cutOver) {
    return plan(specs, Observed.NONE, status, cutOver);
  }

  /**
   * @param specs the declared workflows
   * @param observed the datasets they were seen to read and write, added to their declared ones
   * @param status READY or NOT_READY per workflow (absent: NOT_READY)
   * @param cutOver the workflows whose candidate is primary already
   */
  public static Plan plan(
      List<WorkflowSpec> specs,
      Observed observed,
      Map<String, String> status,
      Set<String> cutOver) {
    Map<String, TreeSet<String>> up = upstream(specs, observed);
    Map<String, TreeSet<String>> down = new TreeMap<>();
    up.keySet().forEach(w -> down.put(w, new TreeSet<>()));
    up.forEach((w, ups) -> ups.forEach(u -> down.get(u).add(w)));
    Map<String, Integer> component = components(up);
    Map<Integer, TreeSet<String>> members = new TreeMap<>();
    component.forEach((w, c) -> members.computeIfAbsent(c, k -> new TreeSet<>()).add(w));
    Map<String, Integer> wave = new HashMap<>();
    up.keySet().forEach(w -> waveOf(w, up, component, cutOver, wave, new HashMap<>()));
    List<Placement> out = new ArrayList<>();
    for (String w : up.keySet()) {
      TreeSet<String> cycle = new TreeSet<>(members.get(component.get(w)));
      cycle.remove(w);
      boolean self = up.get(w).contains(w);
      out.add(
          placement(
              w,
              wave.get(w),
              up.get(w),
              down.get(w),
              reach(w, down),
              cycle,
              self,
              status,
              cutOver,
              up));
    }
    out.sort(
        (a, b) ->
            a.wave() != b.wave()
                ? Integer.compare(a.wave(), b.wave())
                : a.workflow().compareTo(b.workflow()));
    Map<Integer, List<String>> waves = new TreeMap<>();
    out.forEach(p -> waves.computeIfAbsent(p.wave(), k -> new ArrayList<>()).add(p.workflow()));
    List<List<String>> cycles = new ArrayList<>();
    members.values().stream().filter(m -> m.size() > 1).forEach(m -> cycles.add(List.copyOf(m)));
    cycles.sort((a, b) -> a.get(0).compareTo(b.get(0)));
    return new Plan(waves, List.copyOf(cycles), List.copyOf(out));
  }

  private static Placement placement(
      String w,
      int wave,
      TreeSet<String> up,
      TreeSet<String> down,
      List<String> blast,
      TreeSet<String> cycle,
      boolean self,
      Map<String, String> status,
      Set<String> cutOver,
      Map<String, TreeSet<String>> upOf) {
    List<String> blocked = new ArrayList<>();
    String own = cutOver.contains(w) ? "CUT_OVER" : status.getOrDefault(w, "NOT_READY");
    if (!cutOver.contains(w)) {
      if (!"READY".equals(own)) {
        blocked.add("it is " + own);
      }
      for (String u : up) {
        if (!u.equals(w) && !cutOver.contains(u) && !cycle.contains(u)) {
          blocked.add("upstream " + u + " has not cut over");
        }
      }
      for (String member : cycle) {
        if (!cutOver.contains(member) && !"READY".equals(status.get(member))) {
          blocked.add(member + " (same cycle) is " + status.getOrDefault(member, "NOT_READY"));
        }
        for (String u : upOf.get(member)) {
          if (!u.equals(w) && !cutOver.contains(u) && !cycle.contains(u)) {
            blocked.add("upstream " + u + " (of " + member + ", same cycle) has not cut over");
          }
        }
      }
    }
    List<String> upstream = up.stream().filter(u -> !u.equals(w)).toList();
    List<String> downstream = down.stream().filter(d -> !d.equals(w)).toList();
    return new Placement(
        w,
        wave,
        own,
        !cutOver.contains(w) && blocked.isEmpty(),
        upstream,
        downstream,
        blast,
        List.copyOf(blocked),
        self && cycle.isEmpty() ? List.of() : List.copyOf(cycle));
  }

  /**
   * Workflow → the workflows writing a dataset it reads (itself included when it reads its own),
   * from the declared and the observed datasets of the declared workflows.
   */
  static Map<String, TreeSet<String>> upstream(List<WorkflowSpec> specs, Observed observed) {
    Map<String, TreeSet<String>> writers = new HashMap<>();
    for (WorkflowSpec s : specs) {
      s.outputs().forEach(o -> writers.computeIfAbsent(o.name(), k -> new TreeSet<>()).add(s.id()));
      observed
          .writesOf(s.id())
          .forEach(d -> writers.computeIfAbsent(d, k -> new TreeSet<>()).add(s.id()));
    }
    Map<String, TreeSet<String>> up = new TreeMap<>();
    for (WorkflowSpec s : specs) {
      TreeSet<String> u = new TreeSet<>();
      s.inputs().forEach(d -> u.addAll(writers.getOrDefault(d, new TreeSet<>())));
      observed.readsOf(s.id()).forEach(d -> u.addAll(writers.getOrDefault(d, new TreeSet<>())));
      up.put(s.id(), u);
    }
    return up;
  }

  /**
   * Strongly connected components (Tarjan's algorithm, iterative so that a long chain cannot
   * overflow the stack): workflow → component number.
   */
  static Map<String, Integer> components(Map<String, TreeSet<String>> edges) {
    Map<String, Integer> index = new HashMap<>();
    Map<String, Integer> low = new HashMap<>();
    Deque<String> stack = new ArrayDeque<>();
    Set<String> onStack = new java.util.HashSet<>();
    Map<String, Integer> component = new HashMap<>();
    int[] counter = {0, 0};
    for (String root : edges.keySet()) {
      if (index.containsKey(root)) {
        continue;
      }
      Deque<Map.Entry<String, java.util.Iterator<String>>> work = new ArrayDeque<>();
      visit(root, index, low, stack, onStack, counter);
      work.push(Map.entry(root, edges.get(root).iterator()));
      while (!work.isEmpty()) {
        var top = work.peek();
        String v = top.getKey();
        if (top.getValue().hasNext()) {
          String next = top.getValue().next();
          if (!index.containsKey(next)) {
            visit(next, index, low, stack, onStack, counter);
            work.push(Map.entry(next, edges.get(next).iterator()));
          } else if (onStack.contains(next)) {
            low.put(v, Math.min(low.get(v), index.get(next)));
          }
          continue;
        }
        work.pop();
        if (!work.isEmpty()) {
          String parent = work.peek().getKey();
          low.put(parent, Math.min(low.get(parent), low.get(v)));
        }
        if (low.get(v).equals(index.get(v))) {
          String m;
          do {
            m = stack.pop();
            onStack.remove(m);
            component.put(m, counter[1]);
          } while (!m.equals(v));
          counter[1]++;
        }
      }
    }
    return component;
  }

  private static void visit(
      String v,
      Map<String, Integer> index,
      Map<String, Integer> low,
      Deque<String> stack,
      Set<String> onStack,
      int[] counter) {
    index.put(v, counter[0]);
    low.put(v, counter[0]);
    counter[0]++;
    stack.push(v);
    onStack.add(v);
  }

  /**
   * The wave of {@code w}: 0 when cut over, else 1 + the highest wave of its upstream workflows
   * outside its own cycle that have not cut over (1 when none). Memoised per component.
   */
  private static int waveOf(
      String w,
      Map<String, TreeSet<String>> up,
      Map<String, Integer> component,
      Set<String> cutOver,
      Map<String, Integer> wave,
      Map<Integer, Integer> byComponent) {
    if (cutOver.contains(w)) {
      wave.put(w, 0);
      return 0;
    }
    Integer known = wave.get(w);
    if (known != null) {
      return known;
    }
    int c = component.get(w);
    Integer comp = byComponent.get(c);
    if (comp == null) {
      comp = componentWave(c, up, component, cutOver, wave, byComponent);
    }
    wave.put(w, comp);
    return comp;
  }

  private static int componentWave(
      int c,
      Map<String, TreeSet<String>> up,
      Map<String, Integer> component,
      Set<String> cutOver,
      Map<String, Integer> wave,
      Map<Integer, Integer> byComponent) {
    int highest = 0;
    for (Map.Entry<String, TreeSet<String>> e : up.entrySet()) {
      if (component.get(e.getKey()) != c || cutOver.contains(e.getKey())) {
        continue;
      }
      for (String u : e.getValue()) {
        if (component.get(u) != c && !cutOver.contains(u)) {
          highest = Math.max(highest, waveOf(u, up, component, cutOver, wave, byComponent));
        }
      }
    }
    byComponent.put(c, highest + 1);
    return highest + 1;
  }

  /** Every workflow reachable from {@code w} along {@code down}, sorted, without {@code w}. */
  private static List<String> reach(String w, Map<String, TreeSet<String>> down) {
    TreeSet<String> seen = new TreeSet<>();
    Deque<String> todo = new ArrayDeque<>(down.get(w));
    while (!todo.isEmpty()) {
      String next = todo.pop();
      if (seen.add(next)) {
        todo.addAll(down.get(next));
      }
    }
    seen.remove(w);
    return List.copyOf(seen);
  }
}
