package io.dualrun.reconciler;

import static io.dualrun.reconciler.Harness.T0;
import static io.dualrun.reconciler.Harness.event;
import static io.dualrun.reconciler.Harness.fingerprint;
import static org.assertj.core.api.Assertions.assertThat;

import io.dualrun.reconciler.engine.Mode;
import io.dualrun.schemas.avro.ColumnStats;
import io.dualrun.schemas.avro.ColumnType;
import io.dualrun.schemas.avro.Finding;
import io.dualrun.schemas.avro.FindingKind;
import io.dualrun.schemas.avro.OutputFingerprint;
import io.dualrun.schemas.avro.RunStatus;
import io.dualrun.schemas.avro.Side;
import io.dualrun.schemas.avro.Verdict;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Through the topology: a verdict's CONTENT and COLUMN_STAT findings carry the hint. */
class RootCauseHintsTest {
  private static final String WF = "orders";
  private static final String P = "2026-11-20";

  private static final String INVENTORY =
      """
      workflows:
        orders:
          owner: team-orders
          timezone: Europe/Paris
          outputs:
            - name: sales.orders
      """;

  private static OutputFingerprint withLoadedAt(OutputFingerprint f, String min, String max) {
    f.setSchema$(
        new ArrayList<>(
            List.of(new ColumnType("id", "integer"), new ColumnType("loaded_at", "timestamp"))));
    f.setColumns(
        new ArrayList<>(
            List.of(
                new ColumnStats("id", 0L, "1", "1000", "500500"),
                new ColumnStats("loaded_at", 0L, min, max, null))));
    return f;
  }

  @Test
  void aTimeShiftByTheWorkflowZoneIsNamedOnEveryFindingOfTheColumn() {
    try (Harness h = new Harness(Harness.inventory(INVENTORY), Mode.LIVE, T0)) {
      h.sendAll(
          List.of(
              event(WF, P, Side.BASELINE, 1, RunStatus.STARTED, T0),
              event(WF, P, Side.BASELINE, 1, RunStatus.SUCCEEDED, T0.plusSeconds(600)),
              event(WF, P, Side.CANDIDATE, 1, RunStatus.STARTED, T0),
              event(WF, P, Side.CANDIDATE, 1, RunStatus.SUCCEEDED, T0.plusSeconds(600)),
              withLoadedAt(
                  fingerprint(WF, P, Side.BASELINE, 1, "sales.orders", 1000, "00000000000000aa"),
                  "2026-11-20T07:00:00.000000Z",
                  "2026-11-20T22:00:00.000000Z"),
              withLoadedAt(
                  fingerprint(WF, P, Side.CANDIDATE, 1, "sales.orders", 1000, "00000000000000bb"),
                  "2026-11-20T08:00:00.000000Z",
                  "2026-11-20T23:00:00.000000Z")));

      List<Verdict> verdicts = h.verdicts();
      assertThat(verdicts).hasSize(1);
      List<Finding> findings = verdicts.get(0).getFindings();
      assertThat(findings)
          .extracting(Finding::getKind)
          .containsExactly(FindingKind.CONTENT, FindingKind.COLUMN_STAT, FindingKind.COLUMN_STAT);
      String hint =
          "loaded_at: min and max are both 1 h later on the candidate:"
              + " 2026-11-20T08:00:00.000000Z against 2026-11-20T07:00:00.000000Z and"
              + " 2026-11-20T23:00:00.000000Z against 2026-11-20T22:00:00.000000Z; Europe/Paris"
              + " is 1 h ahead of UTC at those times: the candidate's timestamps look like local"
              + " times of Europe/Paris written without a zone. Rule that would accept it:"
              + " normalise: {loaded_at: {timezone: Europe/Paris}} (dualrun fingerprint"
              + " --normalise loaded_at:timezone=Europe/Paris).";
      assertThat(findings).extracting(Finding::getHint).containsOnly(hint);
      assertThat(h.mismatches.readValuesToList()).singleElement().isEqualTo(verdicts.get(0));
      assertThat(h.storedVerdict(WF, P)).isEqualTo(verdicts.get(0));
    }
  }
}
