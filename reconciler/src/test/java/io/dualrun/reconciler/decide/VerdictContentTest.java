package io.dualrun.reconciler.decide;

import static org.assertj.core.api.Assertions.assertThat;

import io.dualrun.schemas.avro.DecisionReason;
import io.dualrun.schemas.avro.Finding;
import io.dualrun.schemas.avro.Outcome;
import io.dualrun.schemas.avro.Verdict;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.avro.Schema;
import org.junit.jupiter.api.Test;

/** A verdict is re-emitted only when what it says changed, not when or how it was reached. */
class VerdictContentTest {
  private static Verdict verdict(List<Finding> findings) {
    return Verdict.newBuilder()
        .setWorkflow("orders")
        .setPartition("2026-11-20")
        .setRevision(1)
        .setOutcome(findings.isEmpty() ? Outcome.MATCH : Outcome.MISMATCH)
        .setPreviousOutcome(null)
        .setResolution(false)
        .setReason(DecisionReason.COMPLETE)
        .setDecidedAt(Instant.parse("2026-11-21T03:00:00Z"))
        .setInventoried(true)
        .setOwner("team")
        .setTier(1)
        .setBaseline(null)
        .setCandidate(null)
        .setFindings(new ArrayList<>(findings))
        .build();
  }

  private static Finding rows(String baseline, String candidate) {
    return Finding.newBuilder()
        .setKind(io.dualrun.schemas.avro.FindingKind.ROW_COUNT)
        .setOutput("facts")
        .setColumn(null)
        .setBaselineValue(baseline)
        .setCandidateValue(candidate)
        .setDetail("rows differ")
        .setBuckets(new ArrayList<>())
        .build();
  }

  @Test
  void revisionTimingAndReasonAreNotContent() {
    Verdict a = verdict(List.of(rows("10", "11")));
    Verdict b = verdict(List.of(rows("10", "11")));
    b.setRevision(3);
    b.setPreviousOutcome(Outcome.MATCH);
    b.setResolution(true);
    b.setReason(DecisionReason.SETTLED);
    b.setDecidedAt(Instant.parse("2026-11-22T00:00:00Z"));
    assertThat(VerdictBuilder.sameContent(a, b)).isTrue();
  }

  @Test
  void findingsOwnerAndOutcomeAreContent() {
    Verdict a = verdict(List.of(rows("10", "11")));
    assertThat(VerdictBuilder.sameContent(a, verdict(List.of(rows("10", "12"))))).isFalse();
    assertThat(VerdictBuilder.sameContent(a, verdict(List.of()))).isFalse();
    Verdict owner = verdict(List.of(rows("10", "11")));
    owner.setOwner("other");
    assertThat(VerdictBuilder.sameContent(a, owner)).isFalse();
    assertThat(VerdictBuilder.sameContent(a, null)).isFalse();
    assertThat(VerdictBuilder.sameContent(null, null)).isTrue();
  }

  @Test
  void everyBookkeepingFieldExistsInTheSchema() {
    List<String> names =
        Verdict.getClassSchema().getFields().stream().map(Schema.Field::name).toList();
    assertThat(names).containsAll(VerdictBuilder.BOOKKEEPING);
  }
}
