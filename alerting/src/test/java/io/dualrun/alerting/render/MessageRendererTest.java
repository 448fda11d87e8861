package io.dualrun.alerting.render;

import static org.assertj.core.api.Assertions.assertThat;

import io.dualrun.alerting.Fixtures;
import io.dualrun.alerting.Records;
import io.dualrun.alerting.fold.SignalMapper;
import io.dualrun.alerting.model.AlertAction;
import io.dualrun.alerting.model.AlertEvent;
import io.dualrun.alerting.model.AlertStatus;
import io.dualrun.alerting.model.Member;
import io.dualrun.schemas.avro.Finding;
import io.dualrun.schemas.avro.FindingKind;
import io.dualrun.schemas.avro.Outcome;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What a finding shows in an alert's text: its detail, its root-cause hint, both values. */
class MessageRendererTest {
  private static final String HINT =
      "loaded_at: min and max are both 1 h later on the candidate: 2026-11-20T08:00:00.000000Z"
          + " against 2026-11-20T07:00:00.000000Z and 2026-11-20T23:00:00.000000Z against"
          + " 2026-11-20T22:00:00.000000Z; Europe/Paris is 1 h ahead of UTC at those times: the"
          + " candidate's timestamps look like local times of Europe/Paris written without a"
          + " zone. Rule that would accept it: normalise: {loaded_at: {timezone: Europe/Paris}}"
          + " (dualrun fingerprint --normalise loaded_at:timezone=Europe/Paris).";

  private static Finding columnStat(String hint) {
    return Finding.newBuilder()
        .setKind(FindingKind.COLUMN_STAT)
        .setOutput("dw.orders")
        .setColumn("loaded_at")
        .setBaselineValue("2026-11-20T07:00:00.000000Z")
        .setCandidateValue("2026-11-20T08:00:00.000000Z")
        .setDetail(
            "Output dw.orders column loaded_at: min is 2026-11-20T08:00:00.000000Z on the"
                + " candidate against 2026-11-20T07:00:00.000000Z on the baseline.")
        .setHint(hint)
        .build();
  }

  private static List<String> findingLines(Finding f) {
    Member m =
        SignalMapper.fromVerdict(
                Records.verdict("orders", "2026-11-20", 1, Outcome.MISMATCH, List.of(f)))
            .members()
            .get("COLUMN_STAT");
    AlertEvent e =
        new AlertEvent(
            "orders/COLUMN_STAT",
            "orders",
            "COLUMN_STAT",
            "warning",
            "data-platform",
            1,
            AlertStatus.FIRING,
            AlertAction.OPEN,
            1,
            Records.T0,
            null,
            Records.T0.plusSeconds(60),
            1,
            List.of("2026-11-20"),
            List.of(m),
            List.of("2026-11-20"),
            List.of());
    RenderedAlert rendered = new MessageRenderer(Fixtures.LINKS).render(e);
    assertThat(rendered.text()).contains(f.getDetail());
    return rendered.sections().get(0).lines().subList(0, f.getHint() == null ? 2 : 3);
  }

  @Test
  void aFindingsHintIsShownUnderItsDetail() {
    assertThat(findingLines(columnStat(HINT)))
        .containsExactly(
            "Output dw.orders column loaded_at: min is 2026-11-20T08:00:00.000000Z on the"
                + " candidate against 2026-11-20T07:00:00.000000Z on the baseline.",
            "Hint: " + HINT,
            "dw.orders.loaded_at: baseline 2026-11-20T07:00:00.000000Z vs candidate"
                + " 2026-11-20T08:00:00.000000Z");
  }

  @Test
  void aFindingWithoutAHintShowsNoHintLine() {
    List<String> lines = findingLines(columnStat(null));
    assertThat(lines)
        .containsExactly(
            "Output dw.orders column loaded_at: min is 2026-11-20T08:00:00.000000Z on the"
                + " candidate against 2026-11-20T07:00:00.000000Z on the baseline.",
            "dw.orders.loaded_at: baseline 2026-11-20T07:00:00.000000Z vs candidate"
                + " 2026-11-20T08:00:00.000000Z");
  }

  @Test
  void aDrillDownsRowsAreShownUnderTheFindings() {
    Finding content =
        Finding.newBuilder()
            .setKind(FindingKind.CONTENT)
            .setOutput("dw.orders")
            .setDetail("Output dw.orders has different content on the candidate: amount differs.")
            .build();
    Member m =
        SignalMapper.fromVerdict(
                Records.verdict("orders", "2026-11-20", 1, Outcome.MISMATCH, List.of(content)))
            .members()
            .get("CONTENT")
            .withRows(
                "dw.orders", "dw.orders: 1 row differs (1 changed): id 1042 amount 10.50 → 10.05");
    AlertEvent e =
        new AlertEvent(
            "orders/CONTENT",
            "orders",
            "CONTENT",
            "warning",
            "data-platform",
            1,
            AlertStatus.FIRING,
            AlertAction.UPDATE,
            2,
            Records.T0,
            null,
            Records.T0.plusSeconds(60),
            1,
            List.of("2026-11-20"),
            List.of(m),
            List.of(),
            List.of());
    RenderedAlert rendered = new MessageRenderer(Fixtures.LINKS).render(e);
    assertThat(rendered.sections().get(0).lines())
        .containsSequence(
            content.getDetail(),
            "Rows: dw.orders: 1 row differs (1 changed): id 1042 amount 10.50 → 10.05");
    assertThat(rendered.text()).contains("id 1042 amount 10.50 → 10.05");
  }
}
