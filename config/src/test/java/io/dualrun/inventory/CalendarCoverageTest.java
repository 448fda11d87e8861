package io.dualrun.inventory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.Set;
import org.junit.jupiter.api.Test;

class CalendarCoverageTest {
  private static final ZoneId PARIS = ZoneId.of("Europe/Paris");
  private static final ZoneId NEW_YORK = ZoneId.of("America/New_York");
  private static final List<LocalDate> HOLIDAYS = List.of(LocalDate.parse("2026-12-25"));

  private static ReadinessRules rules(Coverage... required) {
    return new ReadinessRules(14, Set.of(required), HOLIDAYS, OptionalDouble.empty());
  }

  @Test
  void namesWhatNoCleanPartitionCoversYet() {
    CalendarCoverage.Result r =
        CalendarCoverage.of(
            rules(Coverage.MONTH_END, Coverage.QUARTER_END, Coverage.DST_CHANGE, Coverage.HOLIDAY),
            Granularity.DAY,
            PARIS,
            List.of("2026-11-30", "2026-11-29", "2026-10-25", "2026-10-24"));
    assertThat(r.covered())
        .isEqualTo(Map.of(Coverage.MONTH_END, "2026-11-30", Coverage.DST_CHANGE, "2026-10-25"));
    assertThat(r.missing()).containsExactly(Coverage.QUARTER_END, Coverage.HOLIDAY);
  }

  @Test
  void theNewestCleanPartitionIsNamed() {
    CalendarCoverage.Result r =
        CalendarCoverage.of(
            rules(Coverage.MONTH_END),
            Granularity.DAY,
            PARIS,
            List.of("2026-11-30", "2026-10-31", "2026-09-30"));
    assertThat(r.covered()).containsEntry(Coverage.MONTH_END, "2026-11-30");
    assertThat(r.missing()).isEmpty();
  }

  @Test
  void dstChangesAreTheZonesOwn2026Nights() {
    assertThat(Coverage.clockMoves(LocalDate.parse("2026-03-29"), PARIS)).isTrue();
    assertThat(Coverage.clockMoves(LocalDate.parse("2026-10-25"), PARIS)).isTrue();
    assertThat(Coverage.clockMoves(LocalDate.parse("2026-03-08"), PARIS)).isFalse();
    assertThat(Coverage.clockMoves(LocalDate.parse("2026-03-08"), NEW_YORK)).isTrue();
    assertThat(Coverage.clockMoves(LocalDate.parse("2026-11-01"), NEW_YORK)).isTrue();
    assertThat(Coverage.clockMoves(LocalDate.parse("2026-10-25"), NEW_YORK)).isFalse();
    assertThat(Coverage.hasClockChanges(ZoneId.of("UTC"))).isFalse();
    assertThat(Coverage.hasClockChanges(PARIS)).isTrue();
  }

  @Test
  void aWeekOrMonthPartitionCoversTheDaysItSpans() {
    assertThat(
            CalendarCoverage.of(
                    rules(Coverage.QUARTER_END, Coverage.HOLIDAY),
                    Granularity.WEEK,
                    PARIS,
                    List.of("2026-W52", "2026-W27"))
                .covered())
        .as("W27 is 29 June … 5 July (30 June); W52 is 21 … 27 December")
        .isEqualTo(Map.of(Coverage.QUARTER_END, "2026-W27", Coverage.HOLIDAY, "2026-W52"));
    assertThat(
            CalendarCoverage.of(
                    rules(Coverage.YEAR_END, Coverage.DST_CHANGE),
                    Granularity.MONTH,
                    NEW_YORK,
                    List.of("2026-11"))
                .missing())
        .containsExactly(Coverage.YEAR_END);
    assertThat(
            CalendarCoverage.of(
                    rules(Coverage.DST_CHANGE),
                    Granularity.HOUR,
                    NEW_YORK,
                    List.of("2026-03-08T01"))
                .missing())
        .isEmpty();
  }

  @Test
  void partitionsOfAnotherShapeCoverNothing() {
    assertThat(
            CalendarCoverage.of(
                    rules(Coverage.MONTH_END), Granularity.DAY, PARIS, List.of("end-of-november"))
                .missing())
        .containsExactly(Coverage.MONTH_END);
    assertThat(Granularity.DAY.days("2026-02-30")).isEmpty();
    assertThat(Granularity.WEEK.days("2026-W1")).isEmpty();
    assertThat(Granularity.MONTH.days("2026-11").orElseThrow())
        .isEqualTo(
            new Granularity.Span(LocalDate.parse("2026-11-01"), LocalDate.parse("2026-11-30")));
  }

  @Test
  void theInventoryDeclaresCoverageAndRefusesWhatCanNeverBeCovered() {
    Inventory inv =
        InventoryLoader.parse(
            "workflows.yaml",
            """
            defaults:
              holidays: [2026-12-25, 2027-01-01]
              readinessMaxMismatchRate: 0.05
            workflows:
              ledger:
                owner: finance
                timezone: Europe/Paris
                readinessCoverage: [month-end, quarter-end, dst-change, holiday]
            """);
    ReadinessRules r = inv.workflow("ledger").orElseThrow().readiness();
    assertThat(r.coverage())
        .containsExactlyInAnyOrder(
            Coverage.MONTH_END, Coverage.QUARTER_END, Coverage.DST_CHANGE, Coverage.HOLIDAY);
    assertThat(r.holidays())
        .containsExactly(LocalDate.parse("2026-12-25"), LocalDate.parse("2027-01-01"));
    assertThat(r.maxMismatchRate()).hasValue(0.05);

    String bad =
        """
        workflows:
          ledger:
            owner: finance
            readinessCoverage: [month-end, dst-change, holiday, easter]
            holidays: [christmas]
            readinessMaxMismatchRate: 5
        """;
    assertThatThrownBy(() -> InventoryLoader.parse("workflows.yaml", bad))
        .isInstanceOfSatisfying(
            InventoryException.class,
            e ->
                assertThat(e.problems())
                    .containsExactlyInAnyOrder(
                        "workflows.yaml:4: workflows.ledger.readinessCoverage: 'easter' is not one of month-end, quarter-end, year-end, dst-change, holiday",
                        "workflows.yaml:5: workflows.ledger.holidays: 'christmas' is not a date (e.g. 2026-12-25)",
                        "workflows.yaml:6: workflows.ledger.readinessMaxMismatchRate: must be above 0 and below 1 (0.05 is 5 %), was 5.0",
                        "workflows.yaml:2: workflows.ledger.readinessCoverage: dst-change can never be covered: time zone UTC does not change its clock",
                        "workflows.yaml:2: workflows.ledger.readinessCoverage: holiday needs a `holidays` list of dates (2026-12-25)"));
  }
}
