package io.dualrun.hooks.diff;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dualrun.hooks.fingerprint.Column;
import io.dualrun.schemas.ColumnKind;
import io.dualrun.schemas.normalise.Normalisation;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class BisectionTest {
  private static final List<Column> COLUMNS =
      List.of(
          new Column("id", ColumnKind.INTEGER),
          new Column("name", ColumnKind.TEXT),
          new Column("amount", ColumnKind.DECIMAL));
  private static final Bisection.Limits LIMITS =
      new Bisection.Limits(16, 50, Duration.ofMinutes(1));

  private static List<Object[]> table(int rows, long seed) {
    Random random = new Random(seed);
    List<Object[]> table = new ArrayList<>();
    for (long id = 1; id <= rows; id++) {
      table.add(
          new Object[] {
            id, "n" + random.nextInt(1000), BigDecimal.valueOf(random.nextInt(100_000), 2)
          });
    }
    return table;
  }

  private static List<Object[]> copy(List<Object[]> rows) {
    List<Object[]> copy = new ArrayList<>();
    rows.forEach(r -> copy.add(r.clone()));
    return copy;
  }

  private static DiffResult diff(
      List<Column> columns,
      List<Object[]> baseline,
      List<Object[]> candidate,
      List<String> key,
      Bisection.Limits limits,
      Normalisation rules)
      throws Exception {
    DiffSide a =
        new ScannedSide(
            () -> new ListRows(columns, baseline), key, List.of(), rules, false, Masking.NONE);
    DiffSide b =
        new ScannedSide(
            () -> new ListRows(columns, candidate), key, List.of(), rules, true, Masking.NONE);
    return new Bisection(a, b, limits, System::nanoTime).run();
  }

  private static DiffResult diff(List<Object[]> baseline, List<Object[]> candidate)
      throws Exception {
    return diff(COLUMNS, baseline, candidate, List.of("id"), LIMITS, Normalisation.NONE);
  }

  @Test
  void theSameRowsInAnotherOrderAreEqualAfterOneLevel() throws Exception {
    List<Object[]> baseline = table(5000, 1);
    List<Object[]> candidate = copy(baseline);
    Collections.shuffle(candidate, new Random(2));
    DiffResult r = diff(baseline, candidate);
    assertThat(r.equal()).isTrue();
    assertThat(r.levels()).hasSize(1);
    assertThat(r.rows()).containsExactly(5000, 5000);
    assertThat(r.bytesSent()[0]).as("16 bucket sums, no row").isEqualTo(16 * 20);
  }

  @Test
  void plantedInsertsDeletesAndChangedCellsAreFoundExactly() throws Exception {
    List<Object[]> baseline = table(20_000, 3);
    List<Object[]> candidate = copy(baseline);
    Random random = new Random(4);
    Map<Long, String> expected = new TreeMap<>();
    Set<Integer> touched = new HashSet<>();
    for (int i = 0; i < 3; i++) { // deleted from the candidate
      int at = random.nextInt(candidate.size());
      Object[] gone = candidate.remove(at);
      expected.put((Long) gone[0], "only-in-baseline");
    }
    for (long id = 30_001; id <= 30_002; id++) { // new on the candidate
      candidate.add(new Object[] {id, "new", new BigDecimal("1.00")});
      expected.put(id, "only-in-candidate");
    }
    while (touched.size() < 4) { // one cell changed
      int at = random.nextInt(candidate.size());
      Object[] row = candidate.get(at);
      if ((Long) row[0] > 20_000 || expected.containsKey((Long) row[0]) || !touched.add(at)) {
        continue;
      }
      row[2] = ((BigDecimal) row[2]).add(new BigDecimal("0.01"));
      expected.put((Long) row[0], "changed:amount");
    }
    Collections.shuffle(candidate, random);

    DiffResult r = diff(baseline, candidate);

    Map<Long, String> found = new TreeMap<>();
    for (KeyDifference d : r.differences()) {
      String kind = d.kind().id();
      if (d.kind() == KeyDifference.Kind.CHANGED) {
        kind +=
            ":" + String.join(",", d.changed().stream().map(KeyDifference.Change::column).toList());
      }
      found.put(Long.parseLong(d.key().get(0)), kind);
    }
    assertThat(r.equal()).isFalse();
    assertThat(r.partial()).isNull();
    assertThat(found).isEqualTo(expected);
    assertThat(r.levels().size())
        .as("split until the differing buckets hold ≤ 50 rows")
        .isGreaterThan(1);
    assertThat(r.differingRows()[0]).isLessThanOrEqualTo(50);
    assertThat(r.differingRows()[1]).isLessThanOrEqualTo(50);
    KeyDifference changed =
        r.differences().stream()
            .filter(d -> d.kind() == KeyDifference.Kind.CHANGED)
            .findFirst()
            .orElseThrow();
    KeyDifference.Change c = changed.changed().get(0);
    assertThat(new BigDecimal(c.candidate()).subtract(new BigDecimal(c.baseline())))
        .isEqualByComparingTo("0.01");
  }

  @Test
  void compositeAndCaseOnlyStringKeysAreTwoKeysWhateverACollationSays() throws Exception {
    List<Column> columns =
        List.of(
            new Column("region", ColumnKind.TEXT),
            new Column("id", ColumnKind.INTEGER),
            new Column("v", ColumnKind.TEXT));
    List<Object[]> baseline =
        List.of(
            new Object[] {"a", 1L, "x"}, new Object[] {"A", 1L, "y"}, new Object[] {"b", 2L, "z"});
    List<Object[]> candidate =
        List.of(
            new Object[] {"a", 1L, "x"}, new Object[] {"A", 1L, "Y"}, new Object[] {"b", 3L, "z"});
    DiffResult r =
        diff(columns, baseline, candidate, List.of("region", "id"), LIMITS, Normalisation.NONE);
    assertThat(r.differences())
        .extracting(d -> d.kind().id() + " " + d.key())
        .containsExactly("changed [A, 1]", "only-in-baseline [b, 2]", "only-in-candidate [b, 3]");
    assertThat(r.differences().get(0).changed())
        .containsExactly(new KeyDifference.Change("v", "y", "Y"));
  }

  @Test
  void nullAndTheEmptyTextDiffer() throws Exception {
    List<Object[]> baseline = List.<Object[]>of(new Object[] {1L, null, BigDecimal.ONE});
    List<Object[]> candidate = List.<Object[]>of(new Object[] {1L, "", BigDecimal.ONE});
    DiffResult r = diff(baseline, candidate);
    assertThat(r.differences()).hasSize(1);
    assertThat(r.differences().get(0).changed())
        .containsExactly(new KeyDifference.Change("name", null, ""));
  }

  @Test
  void aKeyHeldBySeveralRowsIsComparedRowByRow() throws Exception {
    List<Object[]> baseline =
        List.of(
            new Object[] {1L, "a", BigDecimal.ONE},
            new Object[] {1L, "b", BigDecimal.ONE},
            new Object[] {2L, "c", BigDecimal.ONE});
    List<Object[]> candidate =
        List.of(
            new Object[] {1L, "a", BigDecimal.ONE},
            new Object[] {1L, "B", BigDecimal.ONE},
            new Object[] {2L, "c", BigDecimal.ONE});
    DiffResult r = diff(baseline, candidate);
    assertThat(r.differences())
        .extracting(
            d ->
                d.kind().id()
                    + " "
                    + (d.baseline() != null ? d.baseline() : d.candidate()).values())
        .containsExactlyInAnyOrder("only-in-baseline [1, 1, b]", "only-in-candidate [1, 1, B]");
  }

  @Test
  void moreDifferingRowsThanMaxRowsGiveAPartialAnswerOfRealDifferences() throws Exception {
    List<Object[]> baseline = table(2000, 5);
    List<Object[]> candidate = copy(baseline);
    candidate.forEach(row -> row[1] = row[1] + "!");
    DiffResult r = diff(baseline, candidate);
    assertThat(r.equal()).isFalse();
    assertThat(r.partial()).contains("--max-rows");
    assertThat(r.differences()).isNotEmpty().hasSizeLessThanOrEqualTo(50);
    assertThat(r.differences())
        .allSatisfy(
            d -> {
              assertThat(d.kind()).isEqualTo(KeyDifference.Kind.CHANGED);
              assertThat(d.changed().get(0).candidate())
                  .isEqualTo(d.changed().get(0).baseline() + "!");
            });
  }

  @Test
  void columnsOnlyOneSideHasAreReportedAndNoRowIsRead() throws Exception {
    List<Column> other =
        List.of(new Column("id", ColumnKind.INTEGER), new Column("name", ColumnKind.TEXT));
    DiffSide a =
        new ScannedSide(
            () -> new ListRows(COLUMNS, table(10, 6)),
            List.of("id"),
            List.of(),
            Normalisation.NONE,
            false,
            Masking.NONE);
    DiffSide b =
        new ScannedSide(
            () -> new ListRows(other, List.<Object[]>of(new Object[] {1L, "x"})),
            List.of("id"),
            List.of(),
            Normalisation.NONE,
            true,
            Masking.NONE);
    DiffResult r = new Bisection(a, b, LIMITS, System::nanoTime).run();
    assertThat(r.equal()).isFalse();
    assertThat(r.schema()).containsExactly("amount (baseline only)");
    assertThat(r.differences()).isEmpty();
    assertThat(DiffPrinter.summary(r)).contains("different columns");
  }

  @Test
  void normalisationRulesApplyBeforeComparing() throws Exception {
    List<Object[]> baseline = List.<Object[]>of(new Object[] {1L, "a", new BigDecimal("1.004")});
    List<Object[]> candidate = List.<Object[]>of(new Object[] {1L, "a", new BigDecimal("1.00")});
    assertThat(diff(baseline, candidate).equal()).isFalse();
    Normalisation scale = Normalisation.parse(List.of("amount:scale=2"));
    assertThat(diff(COLUMNS, baseline, candidate, List.of("id"), LIMITS, scale).equal()).isTrue();
  }

  @Test
  void aSensitiveColumnIsComparedAndShownOnlyAsAKeyedHash() throws Exception {
    List<Object[]> baseline =
        List.of(
            new Object[] {1L, "alice@example.com", BigDecimal.ONE},
            new Object[] {2L, "bob@example.com", BigDecimal.ONE},
            new Object[] {3L, "carol@example.com", BigDecimal.ONE});
    List<Object[]> candidate =
        List.of(
            new Object[] {1L, "alice@example.com", BigDecimal.ONE},
            new Object[] {2L, "bob@example.org", BigDecimal.ONE},
            new Object[] {3L, "carol@example.com", BigDecimal.TEN});
    Masking masking = Masking.of(java.util.Set.of("NAME"));
    DiffSide a =
        new ScannedSide(
            () -> new ListRows(COLUMNS, baseline),
            List.of("id"),
            List.of(),
            Normalisation.NONE,
            false,
            masking);
    DiffSide b =
        new ScannedSide(
            () -> new ListRows(COLUMNS, candidate),
            List.of("id"),
            List.of(),
            Normalisation.NONE,
            true,
            masking);
    DiffResult r = new Bisection(a, b, LIMITS, System::nanoTime).run();

    assertThat(r.differences()).extracting(d -> d.key().get(0)).containsExactly("2", "3");
    KeyDifference.Change email = r.differences().get(0).changed().get(0);
    assertThat(email.column()).isEqualTo("name");
    assertThat(email.baseline()).matches("hmac:[0-9a-f]{16}").isNotEqualTo(email.candidate());
    assertThat(email.candidate()).matches("hmac:[0-9a-f]{16}");
    KeyDifference amount = r.differences().get(1);
    assertThat(amount.changed()).extracting(KeyDifference.Change::column).containsExactly("amount");
    assertThat(amount.baseline().values().get(2))
        .as("an equal masked value hashes alike on both sides")
        .isEqualTo(amount.candidate().values().get(2))
        .doesNotContain("carol");
    java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
    DiffPrinter.print(
        r, List.of("id"), DiffPrinter.Format.JSON, new java.io.PrintStream(out, true));
    assertThat(out.toString()).doesNotContain("@example");
  }

  @Test
  void limitsAreCheckedNamingTheOption() {
    assertThatThrownBy(() -> new Bisection.Limits(1, 10, Duration.ofSeconds(1)))
        .hasMessageContaining("--buckets");
    assertThatThrownBy(() -> new Bisection.Limits(16, 0, Duration.ofSeconds(1)))
        .hasMessageContaining("--max-rows");
    assertThatThrownBy(() -> new Bisection.Limits(16, 10, Duration.ZERO))
        .hasMessageContaining("--max-seconds");
  }
}
