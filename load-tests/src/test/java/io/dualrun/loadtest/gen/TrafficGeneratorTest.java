package io.dualrun.loadtest.gen;

import static org.assertj.core.api.Assertions.assertThat;

import io.dualrun.inventory.Inventory;
import io.dualrun.inventory.InventoryLoader;
import io.dualrun.schemas.avro.BreachKind;
import io.dualrun.schemas.avro.FindingKind;
import io.dualrun.schemas.avro.OutputFingerprint;
import io.dualrun.schemas.avro.RunEvent;
import io.dualrun.schemas.json.AvroJson;
import io.dualrun.schemas.json.RecordRules;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TrafficGeneratorTest {
  private final Scenario smoke = Scenario.smoke(7, 2);

  @Test
  void theSameSeedGivesTheSameRecordsInTheSameOrder() {
    assertThat(records(smoke)).isEqualTo(records(smoke));
    assertThat(records(smoke))
        .isNotEqualTo(records(new Scenario(8, 8, 6, Scenario.FIRST_DAY, 2, 0.25, 0.3)));
  }

  @Test
  void everyFindingAndBreachKindIsInjected() {
    GroundTruth truth = new TrafficGenerator(smoke).groundTruth();
    Map<String, Integer> counts = truth.kindCounts();
    Arrays.stream(FindingKind.values()).forEach(k -> assertThat(counts).containsKey(k.name()));
    Arrays.stream(BreachKind.values()).forEach(k -> assertThat(counts).containsKey(k.name()));
    assertThat(truth.pairs()).hasSize(8 * 6 + 2 * 2);
  }

  @Test
  void harmlessNoiseIsPresent() {
    List<PairPlan> plans = plans(smoke);
    assertThat(plans).anyMatch(p -> p.retrySide() != null);
    assertThat(plans).anyMatch(PairPlan::withinTolerance);
    assertThat(plans).anyMatch(PairPlan::reordered);
    assertThat(plans).anyMatch(PairPlan::duplicated);
  }

  @Test
  void recordsAreValidAndSentInOrderWithDuplicatesSharingTheirId() {
    List<Timed> all = new ArrayList<>();
    new TrafficGenerator(smoke).generate(all::add);
    Set<String> ids = new HashSet<>();
    int repeated = 0;
    for (int i = 0; i < all.size(); i++) {
      Timed t = all.get(i);
      if (i > 0) {
        assertThat(t.compareTo(all.get(i - 1))).isPositive();
      }
      var errors = t.isEvent() ? RecordRules.check(t.event()) : RecordRules.check(t.fingerprint());
      assertThat(errors).as(t.record().toString()).isEmpty();
      String id = t.isEvent() ? t.event().getEventId() : t.fingerprint().getEventId();
      repeated += ids.add(id) ? 0 : 1;
      // the JSON form posted to ingest reads back to the same record
      var type = t.isEvent() ? RunEvent.class : OutputFingerprint.class;
      assertThat(
              AvroJson.read(
                  AvroJson.write((org.apache.avro.generic.IndexedRecord) t.record()), type))
          .isEqualTo(t.record());
    }
    long expectedDuplicates = plans(smoke).stream().filter(PairPlan::duplicated).count();
    assertThat(repeated).isEqualTo((int) expectedDuplicates);
  }

  @Test
  void theInventoryLoadsAndSchedulesEveryFourthWorkflow(@TempDir Path dir) {
    TrafficGenerator g = new TrafficGenerator(smoke);
    Inventory inventory = InventoryLoader.load(g.writeInventory(dir.resolve("workflows.yaml")));
    assertThat(inventory.workflows()).hasSize(8);
    assertThat(inventory.rules("lt-wf-0003").schedule()).isNotNull();
    assertThat(inventory.rules("lt-wf-0000").schedule()).isNull();
    assertThat(inventory.rules("lt-wf-0000").outputs()).hasSize(2);
  }

  @Test
  void groundTruthSurvivesAFileRoundTrip(@TempDir Path dir) {
    GroundTruth truth = new TrafficGenerator(smoke).groundTruth();
    Path file = dir.resolve("expected.jsonl");
    truth.write(file);
    GroundTruth back = GroundTruth.read(file);
    assertThat(back.pairs()).isEqualTo(truth.pairs());
    assertThat(back.breaches()).isEqualTo(truth.breaches());
  }

  @Test
  void aLargeScenarioIsStreamedDayByDay() {
    Scenario month = new Scenario(1, 200, 30, Scenario.FIRST_DAY, 6, 0.1, 0.2);
    Map<String, Integer> perDay = new HashMap<>();
    long count =
        new TrafficGenerator(month)
            .generate(
                t -> perDay.merge(t.key().substring(t.key().indexOf('/') + 1), 1, Integer::sum));
    assertThat(count).isGreaterThan(200L * 30 * 10);
    assertThat(perDay).containsKey("2026-10-30");
  }

  private static List<String> records(Scenario s) {
    List<String> out = new ArrayList<>();
    new TrafficGenerator(s).generate(t -> out.add(t.record().toString()));
    return out;
  }

  private static List<PairPlan> plans(Scenario s) {
    TrafficGenerator g = new TrafficGenerator(s);
    List<PairPlan> out = new ArrayList<>();
    for (int d = 0; d < s.days(); d++) {
      for (int w = 0; w < s.workflows(); w++) {
        out.add(g.plan(w, d));
      }
    }
    return out;
  }
}
