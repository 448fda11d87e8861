package io.dualrun.reconciler.decide;

import static org.assertj.core.api.Assertions.assertThat;

import io.dualrun.inventory.OutputSpec;
import io.dualrun.reconciler.state.StoredColumn;
import io.dualrun.reconciler.state.StoredColumnHash;
import io.dualrun.reconciler.state.StoredOutput;
import io.dualrun.reconciler.state.StoredStats;
import io.dualrun.schemas.avro.Finding;
import io.dualrun.schemas.avro.FindingKind;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Root-cause hints: one test per kind of hint, each asserting the exact text and rule, then that
 * differences the rules cannot explain get none, and how hints ride on COLUMN_STAT and CONTENT.
 */
class HintsTest {
  private static final ZoneId PARIS = ZoneId.of("Europe/Paris");
  private static final OutputSpec RULES = OutputSpec.exact("dw.orders");

  /** One column on each side: its type and stats, {@code rows} rows. */
  private static StoredOutput side(String type, StoredStats stats, long rows) {
    return output(rows, "aa", List.of(new StoredColumn(stats.getName(), type)), List.of(stats));
  }

  private static StoredOutput output(
      long rows, String contentHash, List<StoredColumn> types, List<StoredStats> stats) {
    return new StoredOutput(
        "e-" + contentHash,
        "dw.orders",
        1_000L,
        rows,
        contentHash,
        new ArrayList<>(types),
        new ArrayList<>(stats),
        new ArrayList<>(),
        new ArrayList<>(),
        new ArrayList<>(),
        new ArrayList<>(),
        null,
        new ArrayList<>());
  }

  private static StoredStats stats(String column, long nulls, String min, String max, String sum) {
    return new StoredStats(column, nulls, min, max, sum);
  }

  private static Optional<Hint> hint(ZoneId zone, StoredOutput b, StoredOutput c, String column) {
    return Hints.of(zone, b, c, Set.of()).of(column);
  }

  private static Hint only(ZoneId zone, StoredOutput b, StoredOutput c, String column) {
    return hint(zone, b, c, column).orElseThrow(() -> new AssertionError("no hint"));
  }

  // ---- one test per kind of hint

  @Test
  void aConstantShiftByTheWorkflowZonesOffsetNamesTheZone() {
    StoredOutput b =
        side(
            "timestamp",
            stats(
                "loaded_at", 0, "2026-11-20T07:00:00.000000Z", "2026-11-20T22:00:00.000000Z", null),
            100);
    StoredOutput c =
        side(
            "timestamp",
            stats(
                "loaded_at", 0, "2026-11-20T08:00:00.000000Z", "2026-11-20T23:00:00.000000Z", null),
            100);

    Hint h = only(PARIS, b, c, "loaded_at");

    assertThat(h.kind()).isEqualTo(Hint.Kind.TIME_SHIFT);
    assertThat(h.flag()).isEqualTo("--normalise loaded_at:timezone=Europe/Paris");
    assertThat(h.inventory()).isEqualTo("normalise: {loaded_at: {timezone: Europe/Paris}}");
    assertThat(h.text())
        .isEqualTo(
            "loaded_at: min and max are both 1 h later on the candidate:"
                + " 2026-11-20T08:00:00.000000Z against 2026-11-20T07:00:00.000000Z and"
                + " 2026-11-20T23:00:00.000000Z against 2026-11-20T22:00:00.000000Z;"
                + " Europe/Paris is 1 h ahead of UTC at those times: the candidate's timestamps"
                + " look like local times of Europe/Paris written without a zone. Rule that would"
                + " accept it: normalise: {loaded_at: {timezone: Europe/Paris}} (dualrun"
                + " fingerprint --normalise loaded_at:timezone=Europe/Paris).");
  }

  @Test
  void aShiftTheWorkflowZoneDoesNotExplainNamesTheOffset() {
    StoredOutput b =
        side(
            "timestamp",
            stats(
                "loaded_at", 0, "2026-11-20T07:00:00.000000Z", "2026-11-20T22:00:00.000000Z", null),
            100);
    StoredOutput c =
        side(
            "timestamp",
            stats(
                "loaded_at", 0, "2026-11-20T01:30:00.000000Z", "2026-11-20T16:30:00.000000Z", null),
            100);

    Hint h = only(ZoneOffset.UTC, b, c, "loaded_at");

    assertThat(h.flag()).isEqualTo("--normalise loaded_at:timezone=-05:30");
    assertThat(h.text())
        .isEqualTo(
            "loaded_at: min and max are both 5 h 30 min earlier on the candidate:"
                + " 2026-11-20T01:30:00.000000Z against 2026-11-20T07:00:00.000000Z and"
                + " 2026-11-20T16:30:00.000000Z against 2026-11-20T22:00:00.000000Z; the"
                + " candidate's timestamps look like local times at UTC-05:30 written without a"
                + " zone (or the baseline's, at UTC+05:30). Rule that would accept it: normalise:"
                + " {loaded_at: {timezone: -05:30}} (dualrun fingerprint --normalise"
                + " loaded_at:timezone=-05:30).");
  }

  @Test
  void theBaselineMayBeTheSideWithLocalTimesAcrossADaylightSavingChange() {
    // the baseline wrote Paris wall-clock times without a zone: +2 h in October, +1 h in November
    StoredOutput b =
        side(
            "timestamp",
            stats(
                "loaded_at", 0, "2026-10-20T09:00:00.000000Z", "2026-11-20T08:00:00.000000Z", null),
            100);
    StoredOutput c =
        side(
            "timestamp",
            stats(
                "loaded_at", 0, "2026-10-20T07:00:00.000000Z", "2026-11-20T07:00:00.000000Z", null),
            100);

    Hint h = only(PARIS, b, c, "loaded_at");

    assertThat(h.flag()).isEqualTo("--normalise loaded_at:timezone=Europe/Paris");
    assertThat(h.evidence())
        .isEqualTo(
            "min is 2 h and max 1 h earlier on the candidate: 2026-10-20T07:00:00.000000Z"
                + " against 2026-10-20T09:00:00.000000Z and 2026-11-20T07:00:00.000000Z against"
                + " 2026-11-20T08:00:00.000000Z; Europe/Paris is 2 h and 1 h ahead of UTC at"
                + " those times: the baseline's timestamps look like local times of Europe/Paris"
                + " written without a zone");
  }

  @Test
  void timestampsTruncatedToSecondsOnOneSide() {
    StoredOutput b =
        side(
            "timestamp",
            stats(
                "updated_at",
                0,
                "2026-11-20T07:05:00.123456Z",
                "2026-11-20T22:10:09.999999Z",
                null),
            100);
    StoredOutput c =
        side(
            "timestamp",
            stats(
                "updated_at",
                0,
                "2026-11-20T07:05:00.000000Z",
                "2026-11-20T22:10:09.000000Z",
                null),
            100);

    Hint h = only(PARIS, b, c, "updated_at");

    assertThat(h.kind()).isEqualTo(Hint.Kind.TRUNCATION);
    assertThat(h.text())
        .isEqualTo(
            "updated_at: min and max on the candidate are the baseline's truncated to seconds:"
                + " 2026-11-20T07:05:00.000000Z against 2026-11-20T07:05:00.123456Z and"
                + " 2026-11-20T22:10:09.000000Z against 2026-11-20T22:10:09.999999Z. Rule that"
                + " would accept it: normalise: {updated_at: {precision: s}} (dualrun fingerprint"
                + " --normalise updated_at:precision=s).");
  }

  @Test
  void timestampsTruncatedToMillisecondsOnOneSide() {
    StoredOutput b =
        side(
            "timestamp",
            stats(
                "updated_at",
                0,
                "2026-11-20T07:05:00.123000Z",
                "2026-11-20T22:10:09.999000Z",
                null),
            100);
    StoredOutput c =
        side(
            "timestamp",
            stats(
                "updated_at",
                0,
                "2026-11-20T07:05:00.123456Z",
                "2026-11-20T22:10:09.999999Z",
                null),
            100);

    Hint h = only(PARIS, b, c, "updated_at");

    assertThat(h.kind()).isEqualTo(Hint.Kind.TRUNCATION);
    assertThat(h.text())
        .isEqualTo(
            "updated_at: min and max on the baseline are the candidate's truncated to"
                + " milliseconds: 2026-11-20T07:05:00.123456Z on the candidate against"
                + " 2026-11-20T07:05:00.123000Z and 2026-11-20T22:10:09.999999Z against"
                + " 2026-11-20T22:10:09.999000Z. Rule that would accept it: normalise: {updated_at:"
                + " {precision: ms}} (dualrun fingerprint --normalise updated_at:precision=ms).");
  }

  @Test
  void floatsEqualOnceRoundedToTheOtherSidesDecimals() {
    StoredOutput b = side("decimal", stats("amount", 0, "0.3", "99.95", "1234.56"), 100);
    StoredOutput c =
        side(
            "float",
            stats("amount", 0, "0.30000000000000004", "99.95000000000001", "1234.5600000000002"),
            100);

    Hint h = only(PARIS, b, c, "amount");

    assertThat(h.kind()).isEqualTo(Hint.Kind.FLOAT_ROUNDING);
    assertThat(h.text())
        .isEqualTo(
            "amount: min and max are equal once rounded half-even to 2 decimals, the candidate's"
                + " floats carrying rounding noise beyond the baseline's 2 decimals: min"
                + " 0.30000000000000004 on the candidate against 0.3, max 99.95000000000001"
                + " against 99.95, sum 1234.5600000000002 against 1234.56, the sums within the"
                + " ±0.005 per value (100 values) that rounding can make. Rule that would accept"
                + " it: normalise: {amount: {scale: 2}} (dualrun fingerprint --normalise"
                + " amount:scale=2).");
  }

  @Test
  void decimalsOfAWiderScaleEqualOnceRounded() {
    StoredOutput b = side("decimal", stats("price", 0, "10.12", "99.99", "5000.5"), 500);
    StoredOutput c = side("decimal", stats("price", 0, "10.1234", "99.9912", "5000.4987"), 500);

    Hint h = only(PARIS, b, c, "price");

    assertThat(h.kind()).isEqualTo(Hint.Kind.DECIMAL_SCALE);
    assertThat(h.text())
        .isEqualTo(
            "price: min and max are equal once rounded half-even to 2 decimals, the candidate"
                + " keeping 4 decimals where the baseline keeps 2: min 10.1234 on the candidate"
                + " against 10.12, max 99.9912 against 99.99, sum 5000.4987 against 5000.5, the"
                + " sums within the ±0.005 per value (500 values) that rounding can make. Rule"
                + " that would accept it: normalise: {price: {scale: 2}} (dualrun fingerprint"
                + " --normalise price:scale=2).");
  }

  @Test
  void textEqualOnceTrailingSpacesAreRemoved() {
    StoredOutput b = side("text", stats("country", 0, "FR        ", "US        ", null), 100);
    StoredOutput c = side("text", stats("country", 0, "FR", "US", null), 100);

    Hint h = only(PARIS, b, c, "country");

    assertThat(h.kind()).isEqualTo(Hint.Kind.TRAILING_SPACES);
    assertThat(h.text())
        .isEqualTo(
            "country: min and max are equal once leading and trailing spaces are removed"
                + " (trailing spaces, as CHAR(n) pads its values): 'FR' on the candidate against"
                + " 'FR        ' and 'US' against 'US        '. Rule that would accept it:"
                + " normalise: {country: {trim: true}} (dualrun fingerprint --normalise"
                + " country:trim).");
  }

  @Test
  void textThatDiffersInCaseOnly() {
    StoredOutput b = side("text", stats("status", 0, "active", "suspended", null), 100);
    StoredOutput c = side("text", stats("status", 0, "ACTIVE", "SUSPENDED", null), 100);

    Hint h = only(PARIS, b, c, "status");

    assertThat(h.kind()).isEqualTo(Hint.Kind.CASE_ONLY);
    assertThat(h.text())
        .isEqualTo(
            "status: min and max differ in case only: 'ACTIVE' on the candidate against 'active'"
                + " and 'SUSPENDED' against 'suspended'. Rule that would accept it: normalise:"
                + " {status: {caseInsensitive: true}} (dualrun fingerprint --normalise"
                + " status:case-insensitive).");
  }

  @Test
  void emptyTextOnOneSideWhereTheOtherHasNull() {
    StoredOutput b = side("text", stats("note", 0, "", "urgent", null), 100);
    StoredOutput c = side("text", stats("note", 12, "call back", "urgent", null), 100);

    Hint h = only(PARIS, b, c, "note");

    assertThat(h.kind()).isEqualTo(Hint.Kind.EMPTY_IS_NULL);
    assertThat(h.text())
        .isEqualTo(
            "note: the candidate has 12 nulls against 0 on the baseline, whose min is '' (the"
                + " empty text): the baseline writes '' where the candidate writes NULL. Rule that"
                + " would accept it: normalise: {note: {emptyIsNull: true}} (dualrun fingerprint"
                + " --normalise note:empty-is-null).");
  }

  @Test
  void severalTextRulesAreNamedTogetherWhenOneIsNotEnough() {
    StoredOutput b = side("text", stats("code", 0, "ab  ", "zz  ", null), 10);
    StoredOutput c = side("text", stats("code", 0, "AB", "ZZ", null), 10);

    Hint h = only(PARIS, b, c, "code");

    assertThat(h.flag()).isEqualTo("--normalise code:trim,case-insensitive");
    assertThat(h.inventory()).isEqualTo("normalise: {code: {trim: true, caseInsensitive: true}}");
  }

  // ---- differences no rule explains

  @Test
  void unrelatedDifferencesGetNoHint() {
    // timestamps: 7 minutes is no time-zone offset; a shift of the min alone is no shift
    assertNoHint(
        "timestamp",
        stats("t", 0, "2026-11-20T07:00:00.000000Z", "2026-11-20T22:00:00.000000Z", null),
        stats("t", 0, "2026-11-20T07:07:00.000000Z", "2026-11-20T22:07:00.000000Z", null));
    assertNoHint(
        "timestamp",
        stats("t", 0, "2026-11-20T07:00:00.000000Z", "2026-11-20T22:00:00.000000Z", null),
        stats("t", 0, "2026-11-20T08:00:00.000000Z", "2026-11-20T22:00:00.000000Z", null));
    // a shift together with other nulls is not a shift alone
    assertNoHint(
        "timestamp",
        stats("t", 0, "2026-11-20T07:00:00.000000Z", "2026-11-20T22:00:00.000000Z", null),
        stats("t", 3, "2026-11-20T08:00:00.000000Z", "2026-11-20T23:00:00.000000Z", null));
    // numbers: rows missing; a sum alone; a value changed at the same scale
    assertNoHint(
        "integer",
        stats("id", 0, "1", "2400000", "2880001200000"),
        stats("id", 0, "1", "2364000", "2794231818000"));
    assertNoHint(
        "decimal",
        stats("qty", 0, "0", "9999", "1327224"),
        stats("qty", 0, "0", "9999", "1204770"));
    assertNoHint(
        "decimal", stats("amt", 0, "0.5", "99.5", "1000"), stats("amt", 0, "0.5", "99.9", "1002"));
    // text: another letter; nulls without an empty text
    assertNoHint("text", stats("s", 0, "acme", "zeta"), stats("s", 0, "acne", "zeta"));
    assertNoHint("text", stats("s", 0, "acme", "zeta"), stats("s", 5, "acme", "zeta"));
    // an empty text on the side with more nulls explains nothing
    assertNoHint("text", stats("s", 5, "", "zeta"), stats("s", 0, "acme", "zeta"));
  }

  private static StoredStats stats(String column, long nulls, String min, String max) {
    return stats(column, nulls, min, max, null);
  }

  private static void assertNoHint(String type, StoredStats b, StoredStats c) {
    assertThat(hint(PARIS, side(type, b, 100), side(type, c, 100), b.getName()))
        .as("%s against %s", c, b)
        .isEmpty();
  }

  @Test
  void aColumnTypedDifferentlyOrIgnoredGetsNoHint() {
    StoredStats b =
        stats("loaded_at", 0, "2026-11-20T07:00:00.000000Z", "2026-11-20T22:00:00.000000Z", null);
    StoredStats c =
        stats("loaded_at", 0, "2026-11-20T08:00:00.000000Z", "2026-11-20T23:00:00.000000Z", null);
    assertThat(hint(PARIS, side("timestamp", b, 10), side("text", c, 10), "loaded_at")).isEmpty();
    assertThat(
            Hints.of(PARIS, side("timestamp", b, 10), side("timestamp", c, 10), Set.of("loaded_at"))
                .of("loaded_at"))
        .isEmpty();
    // without a schema the values say what the column is
    StoredOutput untypedB = output(10, "aa", List.of(), List.of(b));
    StoredOutput untypedC = output(10, "bb", List.of(), List.of(c));
    assertThat(hint(PARIS, untypedB, untypedC, "loaded_at")).isPresent();
  }

  // ---- on findings

  private static final StoredStats LOADED_B =
      stats("loaded_at", 0, "2026-11-20T07:00:00.000000Z", "2026-11-20T22:00:00.000000Z", null);
  private static final StoredStats LOADED_C =
      stats("loaded_at", 0, "2026-11-20T08:00:00.000000Z", "2026-11-20T23:00:00.000000Z", null);
  private static final StoredStats STATUS_B = stats("status", 0, "active", "suspended", null);
  private static final StoredStats STATUS_C = stats("status", 0, "ACTIVE", "SUSPENDED", null);
  private static final StoredStats ID = stats("id", 0, "1", "100", "5050");

  private static final List<StoredColumn> TYPES =
      List.of(
          new StoredColumn("id", "integer"),
          new StoredColumn("loaded_at", "timestamp"),
          new StoredColumn("status", "text"));

  private static StoredOutput keyed(
      String contentHash, List<StoredStats> stats, Map<String, String> hashes) {
    StoredOutput o = output(100, contentHash, TYPES, stats);
    hashes.forEach((name, hash) -> o.getColumnHashes().add(new StoredColumnHash(name, hash)));
    o.getHashKey().add("id");
    return o;
  }

  @Test
  void everyColumnStatFindingOfAColumnCarriesItsHint() {
    StoredOutput b = output(100, "aa", TYPES, List.of(ID, LOADED_B, STATUS_B));
    StoredOutput c = output(100, "bb", TYPES, List.of(ID, LOADED_C, STATUS_B));
    List<Finding> findings = new ArrayList<>();

    ColumnStatDiff.add(findings, RULES, b, c, Hints.of(PARIS, b, c, Set.of()));

    assertThat(findings).extracting(Finding::getColumn).containsExactly("loaded_at", "loaded_at");
    String expected = only(PARIS, b, c, "loaded_at").text();
    assertThat(findings).extracting(Finding::getHint).containsExactly(expected, expected);
  }

  @Test
  void aContentFindingCombinesTheHintsOfItsDifferingColumns() {
    StoredOutput b =
        keyed(
            "aa",
            List.of(ID, LOADED_B, STATUS_B),
            Map.of("id", "01", "loaded_at", "02", "status", "03"));
    StoredOutput c =
        keyed(
            "bb",
            List.of(ID, LOADED_C, STATUS_C),
            Map.of("id", "01", "loaded_at", "12", "status", "13"));
    List<Finding> findings = new ArrayList<>();

    Content.add(findings, RULES, "dw.orders", b, c, Hints.of(PARIS, b, c, Set.of()));

    Finding f = findings.get(0);
    assertThat(f.getKind()).isEqualTo(FindingKind.CONTENT);
    assertThat(f.getDifferingColumns()).containsExactly("loaded_at", "status");
    assertThat(f.getHint())
        .isEqualTo(only(PARIS, b, c, "loaded_at").text() + " " + only(PARIS, b, c, "status").text())
        .startsWith("loaded_at: min and max are both 1 h later on the candidate")
        .contains(" status: min and max differ in case only");
  }

  @Test
  void aContentFindingNamesOnlyTheColumnsItsHashesShowDiffering() {
    // status's stats differ in case, but its hash is equal: the content differs in loaded_at only
    StoredOutput b =
        keyed(
            "aa",
            List.of(ID, LOADED_B, STATUS_B),
            Map.of("id", "01", "loaded_at", "02", "status", "03"));
    StoredOutput c =
        keyed(
            "bb",
            List.of(ID, LOADED_C, STATUS_C),
            Map.of("id", "01", "loaded_at", "12", "status", "03"));
    List<Finding> findings = new ArrayList<>();

    Content.add(findings, RULES, "dw.orders", b, c, Hints.of(PARIS, b, c, Set.of()));

    assertThat(findings.get(0).getHint()).isEqualTo(only(PARIS, b, c, "loaded_at").text());
  }

  @Test
  void withoutColumnHashesAContentFindingCarriesTheHintOfEveryColumn() {
    StoredOutput b = output(100, "aa", TYPES, List.of(ID, LOADED_B, STATUS_B));
    StoredOutput c = output(100, "bb", TYPES, List.of(ID, LOADED_C, STATUS_C));
    List<Finding> findings = new ArrayList<>();

    Content.add(findings, RULES, "dw.orders", b, c, Hints.of(PARIS, b, c, Set.of()));

    assertThat(findings.get(0).getHint())
        .isEqualTo(
            only(PARIS, b, c, "loaded_at").text() + " " + only(PARIS, b, c, "status").text());
  }

  @Test
  void findingsWithoutAnExplainedColumnHaveNoHint() {
    StoredStats idB = stats("id", 0, "1", "2400000", null);
    StoredStats idC = stats("id", 0, "1", "2364000", null);
    StoredOutput b = keyed("aa", List.of(idB, LOADED_B), Map.of("id", "01", "loaded_at", "02"));
    StoredOutput c = keyed("bb", List.of(idC, LOADED_B), Map.of("id", "11", "loaded_at", "12"));
    List<Finding> findings = new ArrayList<>();

    Hints hints = Hints.of(PARIS, b, c, Set.of());
    Content.add(findings, RULES, "dw.orders", b, c, hints);
    ColumnStatDiff.add(findings, RULES, b, c, hints);

    assertThat(findings)
        .extracting(Finding::getKind)
        .containsExactly(FindingKind.CONTENT, FindingKind.COLUMN_STAT);
    assertThat(findings).extracting(Finding::getHint).containsOnlyNulls();
  }
}
