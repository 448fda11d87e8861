package io.dualrun.loadtest.gen;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dualrun.schemas.avro.BreachKind;
import io.dualrun.schemas.avro.FindingKind;
import io.dualrun.schemas.avro.Outcome;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * What the pipeline must say about a generated history: the outcome and finding kinds of every
 * pair, the breaches that must open (and close), and the alerts that must (or may) be delivered.
 */
public final class GroundTruth {
  private static final ObjectMapper JSON = new ObjectMapper();

  /** A pair's expected final verdict; every revision it gets must carry only these kinds. */
  public record ExpectedPair(
      String workflow, String partition, Outcome outcome, Set<FindingKind> kinds) {
    public String key() {
      return workflow + "/" + partition;
    }
  }

  /** A breach that must open; {@code closes}: it must be closed too. */
  public record ExpectedBreach(
      String workflow, String partition, BreachKind kind, String side, boolean closes) {
    public String breachId() {
      return workflow + "/" + partition + "/" + kind.name() + "/" + side;
    }
  }

  private final Map<String, ExpectedPair> pairs = new LinkedHashMap<>();
  private final Map<String, ExpectedBreach> breaches = new LinkedHashMap<>();

  void add(PairPlan plan) {
    Set<FindingKind> kinds = plan.fault().kinds();
    pairs.put(
        plan.key(),
        new ExpectedPair(
            plan.workflow().id(),
            plan.partition(),
            kinds.isEmpty() ? Outcome.MATCH : Outcome.MISMATCH,
            kinds));
    for (Fault.Breach b : plan.fault().breaches()) {
      ExpectedBreach e =
          new ExpectedBreach(
              plan.workflow().id(), plan.partition(), b.kind(), b.side(), b.closes());
      breaches.put(e.breachId(), e);
    }
  }

  void addMatch(String workflow, String partition) {
    pairs.put(
        workflow + "/" + partition, new ExpectedPair(workflow, partition, Outcome.MATCH, Set.of()));
  }

  public Map<String, ExpectedPair> pairs() {
    return pairs;
  }

  public Map<String, ExpectedBreach> breaches() {
    return breaches;
  }

  /**
   * Alerts that must be delivered ({@code workflow/KIND} → partitions): every finding kind of a
   * mismatching pair, and every breach that stays open. A breach that closes may resolve before the
   * alert's group wait is over, so its alert may or may not be sent.
   */
  public Map<String, Set<String>> requiredAlerts() {
    Map<String, Set<String>> out = new TreeMap<>();
    for (ExpectedPair p : pairs.values()) {
      for (FindingKind k : p.kinds()) {
        out.computeIfAbsent(p.workflow() + "/" + k.name(), x -> new TreeSet<>()).add(p.partition());
      }
    }
    for (ExpectedBreach b : breaches.values()) {
      if (!b.closes()) {
        out.computeIfAbsent(b.workflow() + "/" + b.kind().name(), x -> new TreeSet<>());
      }
    }
    return out;
  }

  /** Alert ids that may be delivered: the required ones and those of closing breaches. */
  public Set<String> allowedAlerts() {
    Set<String> out = new TreeSet<>(requiredAlerts().keySet());
    breaches.values().forEach(b -> out.add(b.workflow() + "/" + b.kind().name()));
    return out;
  }

  /** How many expected pairs have each finding kind, and breaches each breach kind. */
  public Map<String, Integer> kindCounts() {
    Map<String, Integer> out = new TreeMap<>();
    pairs.values().forEach(p -> p.kinds().forEach(k -> out.merge(k.name(), 1, Integer::sum)));
    breaches.values().forEach(b -> out.merge(b.kind().name(), 1, Integer::sum));
    return out;
  }

  /** One JSON object per line: pairs, then breaches. */
  public void write(Path file) {
    try (BufferedWriter w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
      for (ExpectedPair p : pairs.values()) {
        ObjectNode n = JSON.createObjectNode().put("type", "pair").put("workflow", p.workflow());
        n.put("partition", p.partition()).put("outcome", p.outcome().name());
        p.kinds().stream().map(Enum::name).sorted().forEach(n.putArray("kinds")::add);
        w.write(n.toString());
        w.newLine();
      }
      for (ExpectedBreach b : breaches.values()) {
        ObjectNode n = JSON.createObjectNode().put("type", "breach").put("workflow", b.workflow());
        n.put("partition", b.partition()).put("kind", b.kind().name()).put("side", b.side());
        n.put("closes", b.closes());
        w.write(n.toString());
        w.newLine();
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + file + ": " + e.getMessage(), e);
    }
  }

  public static GroundTruth read(Path file) {
    GroundTruth t = new GroundTruth();
    try {
      List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
      for (String line : lines) {
        JsonNode n = JSON.readTree(line);
        if (n.path("type").asText().equals("pair")) {
          Set<FindingKind> kinds = EnumSet.noneOf(FindingKind.class);
          n.path("kinds").forEach(k -> kinds.add(FindingKind.valueOf(k.asText())));
          t.pairs.put(
              n.get("workflow").asText() + "/" + n.get("partition").asText(),
              new ExpectedPair(
                  n.get("workflow").asText(),
                  n.get("partition").asText(),
                  Outcome.valueOf(n.get("outcome").asText()),
                  kinds.isEmpty() ? Set.of() : Set.copyOf(kinds)));
        } else {
          ExpectedBreach b =
              new ExpectedBreach(
                  n.get("workflow").asText(),
                  n.get("partition").asText(),
                  BreachKind.valueOf(n.get("kind").asText()),
                  n.get("side").asText(),
                  n.get("closes").asBoolean());
          t.breaches.put(b.breachId(), b);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
    }
    return t;
  }
}
