package io.dualrun.loadtest.gen;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.function.Consumer;

/**
 * Dual-run traffic with ground truth. Reproducible from the {@link Scenario}'s seed; streamed one
 * day of partitions at a time (only that day's records are held), in send order: records of a day
 * are sent after every record of the day before.
 *
 * <pre>{@code
 * TrafficGenerator g = new TrafficGenerator(Scenario.smoke(42, 2));
 * g.writeInventory(dir.resolve("workflows.yaml"));
 * GroundTruth truth = g.groundTruth();
 * g.generate(sink::send);
 * }</pre>
 */
public final class TrafficGenerator {
  private final Scenario scenario;
  private final Planner planner;

  public TrafficGenerator(Scenario scenario) {
    this.scenario = scenario;
    this.planner = new Planner(scenario);
  }

  public Scenario scenario() {
    return scenario;
  }

  public String inventoryYaml() {
    return InventoryYaml.render(scenario);
  }

  public Path writeInventory(Path file) {
    try {
      Files.writeString(file, inventoryYaml(), StandardCharsets.UTF_8);
      return file;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + file + ": " + e.getMessage(), e);
    }
  }

  public PairPlan plan(int workflow, int day) {
    return planner.plan(workflow, day);
  }

  /** The expected verdicts, breaches and alerts (plans only: no records are built). */
  public GroundTruth groundTruth() {
    GroundTruth truth = new GroundTruth();
    for (int d = 0; d < scenario.days(); d++) {
      for (int w = 0; w < scenario.workflows(); w++) {
        truth.add(planner.plan(w, d));
      }
    }
    BoundaryPairs.partitions("start", scenario.inputPartitions())
        .forEach(p -> truth.addMatch(BoundaryPairs.WORKFLOW, p));
    BoundaryPairs.partitions("end", scenario.inputPartitions())
        .forEach(p -> truth.addMatch(BoundaryPairs.WORKFLOW, p));
    return truth;
  }

  /** Sends every record, in send order, to {@code sink}; returns how many. */
  public long generate(Consumer<Timed> sink) {
    long count = 0;
    long seq = 0;
    for (int d = 0; d < scenario.days(); d++) {
      List<Timed> day = new ArrayList<>();
      if (d == 0) {
        day.addAll(BoundaryPairs.start(scenario.firstDay(), scenario.inputPartitions(), seq));
        seq += 1_000_000;
      }
      for (int w = 0; w < scenario.workflows(); w++) {
        day.addAll(PairRecords.build(planner.plan(w, d), seq));
        seq += 1_000;
      }
      if (d == scenario.days() - 1) {
        day.addAll(
            BoundaryPairs.end(scenario.firstDay().plusDays(d), scenario.inputPartitions(), seq));
        seq += 1_000_000;
      }
      Collections.sort(day);
      day.forEach(sink);
      count += day.size();
    }
    return count;
  }
}
