package io.dualrun.hooks.fingerprint;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.dualrun.schemas.ColumnKind;
import io.dualrun.schemas.normalise.ColumnRule;
import io.dualrun.schemas.normalise.Normalisation;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Each normalisation rule on values, on a fingerprint, and through {@code dualrun fingerprint}. */
class NormalisationTest {
  private static Object apply(String rule, ColumnKind kind, Object value) {
    return ValueNormaliser.of(ColumnRule.parse(rule), new Column("c", kind)).apply(value);
  }

  @Test
  void scaleRoundsHalfEvenWhateverTheNumbersType() {
    assertThat(apply("scale=2", ColumnKind.DECIMAL, new BigDecimal("2.675")))
        .isEqualTo(new BigDecimal("2.68"));
    assertThat(apply("scale=2", ColumnKind.DECIMAL, new BigDecimal("2.665")))
        .isEqualTo(new BigDecimal("2.66"));
    assertThat(apply("scale=2", ColumnKind.FLOAT, 0.35000000000000003))
        .isEqualTo(new BigDecimal("0.35"));
    assertThat(apply("scale=1", ColumnKind.FLOAT, 0.25f)).isEqualTo(new BigDecimal("0.2"));
    assertThat(apply("scale=0", ColumnKind.INTEGER, 7L)).isEqualTo(new BigDecimal("7"));
    assertThat(apply("scale=0", ColumnKind.INTEGER, new BigInteger("12")))
        .isEqualTo(new BigDecimal("12"));
    assertThat(apply("scale=2", ColumnKind.FLOAT, Double.NaN)).isEqualTo(Double.NaN);
    assertThat(apply("scale=2", ColumnKind.FLOAT, null)).isNull();
    assertThat(Canonical.text(apply("scale=2", ColumnKind.FLOAT, 1.5))).isEqualTo("1.5");
  }

  @Test
  void timezoneReadsNaiveTimesInTheZoneAndLeavesZonedOnesAlone() {
    Object summer =
        apply(
            "timezone=Europe/Paris", ColumnKind.TIMESTAMP, LocalDateTime.parse("2026-07-01T09:00"));
    assertThat(summer).isEqualTo(Instant.parse("2026-07-01T07:00:00Z"));
    Object winter =
        apply(
            "timezone=Europe/Paris", ColumnKind.TIMESTAMP, LocalDateTime.parse("2026-12-01T09:00"));
    assertThat(winter).isEqualTo(Instant.parse("2026-12-01T08:00:00Z"));
    // the repeated hour when clocks go back: the earlier offset
    assertThat(
            apply(
                "timezone=Europe/Paris",
                ColumnKind.TIMESTAMP,
                LocalDateTime.parse("2026-10-25T02:30")))
        .isEqualTo(Instant.parse("2026-10-25T00:30:00Z"));
    // the skipped hour when clocks go forward: moved on by the gap
    assertThat(
            apply(
                "timezone=Europe/Paris",
                ColumnKind.TIMESTAMP,
                LocalDateTime.parse("2026-03-29T02:30")))
        .isEqualTo(Instant.parse("2026-03-29T01:30:00Z"));
    OffsetDateTime zoned = OffsetDateTime.parse("2026-07-01T09:00:00+02:00");
    assertThat(apply("timezone=+01:00", ColumnKind.TIMESTAMP, zoned)).isEqualTo(zoned);
  }

  @Test
  void precisionTruncatesAfterTheZoneIsApplied() {
    assertThat(
            apply(
                "precision=ms", ColumnKind.TIMESTAMP, Instant.parse("2026-01-01T00:00:00.123999Z")))
        .isEqualTo(Instant.parse("2026-01-01T00:00:00.123Z"));
    assertThat(
            apply(
                "precision=s",
                ColumnKind.TIMESTAMP,
                LocalDateTime.parse("2026-01-01T00:00:59.999")))
        .isEqualTo(LocalDateTime.parse("2026-01-01T00:00:59"));
    assertThat(
            apply(
                "precision=s,timezone=UTC",
                ColumnKind.TIMESTAMP,
                LocalDateTime.parse("2026-01-01T00:00:59.999")))
        .isEqualTo(Instant.parse("2026-01-01T00:00:59Z"));
    assertThat(
            Canonical.text(
                apply(
                    "precision=ms",
                    ColumnKind.TIMESTAMP,
                    OffsetDateTime.of(2026, 1, 1, 1, 0, 0, 5_999_999, ZoneOffset.ofHours(1)))))
        .isEqualTo("2026-01-01T00:00:00.005000Z");
  }

  @Test
  void textRulesTrimSpacesThenLowerCaseThenMakeEmptyNull() {
    assertThat(apply("trim", ColumnKind.TEXT, "  a b  ")).isEqualTo("a b");
    assertThat(apply("trim", ColumnKind.TEXT, "\ta\t")).as("only spaces").isEqualTo("\ta\t");
    assertThat(apply("case-insensitive", ColumnKind.TEXT, "ÉtÉ Straße")).isEqualTo("été straße");
    assertThat(apply("empty-is-null", ColumnKind.TEXT, "")).isNull();
    assertThat(apply("empty-is-null", ColumnKind.TEXT, " ")).isEqualTo(" ");
    assertThat(apply("trim,empty-is-null", ColumnKind.TEXT, "   ")).isNull();
    assertThat(apply("trim,case-insensitive", ColumnKind.OTHER, " A ")).isEqualTo("a");
  }

  @Test
  void aRuleForAnotherTypeIsRefusedNamingTheColumnAndItsType() {
    assertThatThrownBy(() -> apply("scale=2", ColumnKind.TEXT, "1"))
        .hasMessage(
            "--normalise c: scale applies to numeric columns; c is text (for CSV: --type c=…)");
    assertThatThrownBy(() -> apply("precision=s", ColumnKind.DATE, null))
        .hasMessage("--normalise c: precision and timezone apply to timestamp columns; c is date");
    assertThatThrownBy(() -> apply("trim", ColumnKind.INTEGER, null))
        .hasMessage(
            "--normalise c: trim, case-insensitive and empty-is-null apply to text columns; c is"
                + " integer");
  }

  private static FingerprintResult fingerprint(
      List<Column> columns, List<Object[]> rows, String rules, boolean candidate) {
    Fingerprinter f =
        new Fingerprinter(
            columns, List.of(), List.of("id"), 4, Normalisation.parse(List.of(rules)), candidate);
    rows.forEach(r -> f.add(r.clone()));
    return f.result();
  }

  @Test
  void aFingerprintUnderRulesUsesTheColumnsNamesAndTypesInTheFingerprint() {
    String rules = "amount:scale=2;customer:baseline=cust_id,candidate=customer_id";
    FingerprintResult baseline =
        fingerprint(
            List.of(
                new Column("id", ColumnKind.INTEGER),
                new Column("amount", ColumnKind.DECIMAL),
                new Column("cust_id", ColumnKind.TEXT)),
            List.<Object[]>of(new Object[] {1L, new BigDecimal("0.35"), "c1"}),
            rules,
            false);
    FingerprintResult candidate =
        fingerprint(
            List.of(
                new Column("customer_id", ColumnKind.TEXT),
                new Column("id", ColumnKind.INTEGER),
                new Column("amount", ColumnKind.FLOAT)),
            List.<Object[]>of(new Object[] {"c1", 1L, 0.35000000000000003}),
            rules,
            true);

    assertThat(candidate.contentHash()).isEqualTo(baseline.contentHash());
    assertThat(candidate.columnHashes()).isEqualTo(baseline.columnHashes());
    assertThat(candidate.schema()).isEqualTo(baseline.schema());
    assertThat(candidate.schema().toString()).contains("customer").contains("decimal");
  }

  @Test
  void aRuleForAnUnknownColumnIsRefusedListingTheColumns() {
    assertThatThrownBy(
            () ->
                fingerprint(
                    List.of(new Column("id", ColumnKind.INTEGER)),
                    List.of(),
                    "amount:scale=2",
                    false))
        .hasMessage("--normalise: no column 'amount' (columns: id)");
  }

  @Test
  void theCommandReadsTheRulesOfTheDeclaredOutputFromTheInventory(@TempDir Path dir)
      throws Exception {
    Path csv = Files.writeString(dir.resolve("orders.csv"), "id,name\n1,  Ann \n2,\n");
    Path inventory =
        Files.writeString(
            dir.resolve("workflows.yaml"),
            """
            workflows:
              sales:
                owner: t
                outputs:
                  - name: dw.orders
                    normalise:
                      name: {trim: true, caseInsensitive: true, emptyIsNull: true}
            """);
    FingerprintRun fromInventory =
        FingerprintRun.of(
            "--csv",
            csv.toString(),
            "--inventory",
            inventory.toString(),
            "--workflow",
            "sales",
            "--output",
            "dw.orders");
    FingerprintRun fromFlags =
        FingerprintRun.of(
            "--csv",
            csv.toString(),
            "--output",
            "dw.orders",
            "--normalise",
            "name:trim,case-insensitive,empty-is-null");
    assertThat(fromInventory.exit()).as(fromInventory.err()).isZero();
    JsonNode a = FingerprintRun.MAPPER.readTree(fromInventory.out());
    JsonNode b = FingerprintRun.MAPPER.readTree(fromFlags.out());
    assertThat(a.path("normalisation").asText())
        .isEqualTo("name:trim,case-insensitive,empty-is-null");
    assertThat(a.path("contentHash")).isEqualTo(b.path("contentHash"));
    assertThat(a.path("columns").toString()).contains("\"nulls\":1").contains("\"min\":\"ann\"");

    FingerprintRun plain = FingerprintRun.of("--csv", csv.toString(), "--output", "dw.orders");
    assertThat(FingerprintRun.MAPPER.readTree(plain.out()).path("normalisation").isTextual())
        .as("no rules")
        .isFalse();
  }

  @Test
  void theCommandRefusesAmbiguousOrMissingRulesWithAClearMessage(@TempDir Path dir)
      throws Exception {
    Path csv = Files.writeString(dir.resolve("orders.csv"), "id,name\n1,a\n");
    Path inventory =
        Files.writeString(dir.resolve("workflows.yaml"), "workflows:\n  sales: {owner: t}\n");

    FingerprintRun both =
        FingerprintRun.of(
            "--csv",
            csv.toString(),
            "--inventory",
            inventory.toString(),
            "--workflow",
            "sales",
            "--normalise",
            "name:trim");
    assertThat(both.exit()).isEqualTo(2);
    assertThat(both.err())
        .contains(
            "--normalise and --inventory: give the rules in one place (the inventory, or flags)");

    FingerprintRun undeclared =
        FingerprintRun.of(
            "--csv",
            csv.toString(),
            "--inventory",
            inventory.toString(),
            "--workflow",
            "sales",
            "--output",
            "dw.orders");
    assertThat(undeclared.err())
        .contains("workflow sales declares no output 'dw.orders' (--output)");

    FingerprintRun unknownWorkflow =
        FingerprintRun.of(
            "--csv", csv.toString(), "--inventory", inventory.toString(), "--workflow", "nope");
    assertThat(unknownWorkflow.err()).contains(": no workflow 'nope'");

    FingerprintRun badRule =
        FingerprintRun.of("--csv", csv.toString(), "--normalise", "name:lower");
    assertThat(badRule.exit()).isEqualTo(2);
    assertThat(badRule.err()).contains("--normalise: column name: 'lower' is not a rule");

    FingerprintRun renameWithoutSide =
        FingerprintRun.of(
            "--csv", csv.toString(), "--normalise", "customer:baseline=name,candidate=cust");
    assertThat(renameWithoutSide.err())
        .contains("the rules rename columns per side: --side baseline|candidate");
  }
}
