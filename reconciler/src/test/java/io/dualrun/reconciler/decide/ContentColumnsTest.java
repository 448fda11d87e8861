package io.dualrun.reconciler.decide;

import static org.assertj.core.api.Assertions.assertThat;

import io.dualrun.inventory.OutputSpec;
import io.dualrun.reconciler.state.StoredColumnHash;
import io.dualrun.reconciler.state.StoredOutput;
import io.dualrun.schemas.avro.Finding;
import io.dualrun.schemas.avro.FindingKind;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** A CONTENT finding names the columns whose hashes differ and those that agree. */
class ContentColumnsTest {
  private static final OutputSpec NO_RULES = OutputSpec.exact("sales.orders");

  private static OutputSpec ignoring(String... columns) {
    return new OutputSpec("sales.orders", NO_RULES.rowCount(), Set.of(columns), Map.of());
  }

  private static StoredOutput output(
      String contentHash, List<String> key, Map<String, String> columnHashes) {
    List<StoredColumnHash> hashes = new ArrayList<>();
    columnHashes.forEach((name, hash) -> hashes.add(new StoredColumnHash(name, hash)));
    return new StoredOutput(
        "e-" + contentHash,
        "sales.orders",
        1_000L,
        3L,
        contentHash,
        new ArrayList<>(),
        new ArrayList<>(),
        new ArrayList<>(),
        new ArrayList<>(),
        hashes,
        new ArrayList<>(key),
        null,
        new ArrayList<>());
  }

  private static Map<String, String> hashes(String... nameHash) {
    Map<String, String> out = new LinkedHashMap<>();
    for (int i = 0; i < nameHash.length; i += 2) {
      out.put(nameHash[i], nameHash[i + 1]);
    }
    return out;
  }

  private static Finding content(StoredOutput baseline, StoredOutput candidate) {
    List<Finding> findings = new ArrayList<>();
    Content.add(findings, NO_RULES, "sales.orders", baseline, candidate);
    assertThat(findings).hasSize(1);
    assertThat(findings.get(0).getKind()).isEqualTo(FindingKind.CONTENT);
    return findings.get(0);
  }

  @Test
  void namesTheDifferingColumnsAndCountsTheEqualOnes() {
    StoredOutput b =
        output("aa", List.of("id"), hashes("amount", "01", "id", "02", "note", "03", "ts", "04"));
    StoredOutput c =
        output("bb", List.of("id"), hashes("amount", "11", "id", "02", "note", "03", "ts", "14"));

    Finding f = content(b, c);

    assertThat(f.getDifferingColumns()).containsExactly("amount", "ts");
    assertThat(f.getEqualColumns()).containsExactly("id", "note");
    assertThat(f.getColumn()).isNull();
    assertThat(f.getDetail())
        .isEqualTo(
            "Output sales.orders has different content on the candidate: amount, ts differ;"
                + " 2 other columns equal.");
  }

  @Test
  void oneDifferingColumnIsAlsoTheFindingsColumn() {
    StoredOutput b = output("aa", List.of("id"), hashes("amount", "01", "id", "02"));
    StoredOutput c = output("bb", List.of("id"), hashes("amount", "11", "id", "02"));

    Finding f = content(b, c);

    assertThat(f.getColumn()).isEqualTo("amount");
    assertThat(f.getDetail()).contains(": amount differs; 1 other column equal.");
  }

  @Test
  void onlyColumnsBothSidesHashedAreCompared() {
    StoredOutput b = output("aa", List.of(), hashes("amount", "01", "gone", "05"));
    StoredOutput c = output("bb", List.of(), hashes("amount", "11", "added", "06"));

    Finding f = content(b, c);

    assertThat(f.getDifferingColumns()).containsExactly("amount");
    assertThat(f.getEqualColumns()).isEmpty();
    assertThat(f.getDetail()).contains(": amount differs; no other column equal.");
  }

  @Test
  void hashesMadeWithDifferentKeysAreNotCompared() {
    StoredOutput b = output("aa", List.of("id"), hashes("amount", "01", "id", "02"));
    StoredOutput c = output("bb", List.of("order_id"), hashes("amount", "11", "id", "02"));

    Finding f = content(b, c);

    assertThat(f.getDifferingColumns()).isEmpty();
    assertThat(f.getEqualColumns()).isEmpty();
    assertThat(f.getColumn()).isNull();
    assertThat(f.getDetail())
        .contains(
            "column hashes not compared: the baseline's are keyed by [id], the candidate's by"
                + " [order_id]");
  }

  @Test
  void withoutColumnHashesTheFindingIsAsBefore() {
    StoredOutput b = output("aa", List.of(), hashes());
    StoredOutput c = output("bb", List.of(), hashes());

    Finding f = content(b, c);

    assertThat(f.getDifferingColumns()).isEmpty();
    assertThat(f.getDetail())
        .isEqualTo("Output sales.orders has different content on the candidate.");
  }

  @Test
  void equalColumnHashesWithoutAKeyMeanValuesMovedBetweenRows() {
    StoredOutput b = output("aa", List.of(), hashes("a", "01", "b", "02"));
    StoredOutput c = output("bb", List.of(), hashes("a", "01", "b", "02"));

    Finding f = content(b, c);

    assertThat(f.getDifferingColumns()).isEmpty();
    assertThat(f.getEqualColumns()).containsExactly("a", "b");
    assertThat(f.getDetail())
        .contains("every column holds the same values, but not in the same rows");
  }

  @Test
  void equalColumnHashesWithAKeyPointAtAColumnOnlyOneSideHas() {
    StoredOutput b = output("aa", List.of("id"), hashes("a", "01", "id", "02"));
    StoredOutput c = output("bb", List.of("id"), hashes("a", "01", "id", "02", "extra", "03"));

    Finding f = content(b, c);

    assertThat(f.getDifferingColumns()).isEmpty();
    assertThat(f.getEqualColumns()).containsExactly("a", "id");
    assertThat(f.getDetail())
        .contains(
            ": every column both sides hashed is equal (the difference is in columns only one side"
                + " has)");
  }

  @Test
  void equalContentHashesMakeNoFindingWhateverTheColumns() {
    List<Finding> findings = new ArrayList<>();
    Content.add(
        findings,
        NO_RULES,
        "sales.orders",
        output("aa", List.of(), hashes("a", "01")),
        output("aa", List.of(), hashes("a", "02")));
    assertThat(findings).isEmpty();
  }

  @Test
  void aDifferenceConfinedToIgnoredColumnsIsNoFindingWhenTheHashesAreKeyed() {
    StoredOutput b =
        output("aa", List.of("id"), hashes("amount", "01", "id", "02", "loaded_at", "03"));
    StoredOutput c =
        output("bb", List.of("id"), hashes("amount", "01", "id", "02", "loaded_at", "13"));
    List<Finding> findings = new ArrayList<>();

    Content.add(findings, ignoring("loaded_at"), "sales.orders", b, c);

    assertThat(findings).isEmpty();
    // another column differing too still makes the finding, naming both
    StoredOutput c2 =
        output("cc", List.of("id"), hashes("amount", "11", "id", "02", "loaded_at", "13"));
    Content.add(findings, ignoring("loaded_at"), "sales.orders", b, c2);
    assertThat(findings)
        .singleElement()
        .satisfies(f -> assertThat(f.getDifferingColumns()).containsExactly("amount", "loaded_at"));
  }

  @Test
  void withoutAKeyIgnoredColumnsCannotExplainAContentDifference() {
    StoredOutput b = output("aa", List.of(), hashes("amount", "01", "loaded_at", "03"));
    StoredOutput c = output("bb", List.of(), hashes("amount", "01", "loaded_at", "13"));
    List<Finding> findings = new ArrayList<>();

    Content.add(findings, ignoring("loaded_at"), "sales.orders", b, c);

    assertThat(findings).hasSize(1);
  }
}
