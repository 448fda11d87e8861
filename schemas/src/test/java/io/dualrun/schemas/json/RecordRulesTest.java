package io.dualrun.schemas.json;

import static org.assertj.core.api.Assertions.assertThat;

import io.dualrun.schemas.Records;
import io.dualrun.schemas.avro.OutputFingerprint;
import io.dualrun.schemas.avro.RunEvent;
import org.junit.jupiter.api.Test;

class RecordRulesTest {

  @Test
  void acceptsValidRecords() {
    assertThat(RecordRules.check(Records.runEvent())).isEmpty();
    assertThat(RecordRules.check(Records.fingerprint())).isEmpty();
  }

  @Test
  void refusesBadIdentifiersAndRanges() {
    RunEvent e =
        RunEvent.newBuilder(Records.runEvent())
            .setWorkflow("-bad/id")
            .setPartition(" ")
            .setAttempt(0)
            .build();
    assertThat(RecordRules.check(e))
        .extracting(FieldError::field)
        .containsExactlyInAnyOrder("workflow", "partition", "attempt");
  }

  @Test
  void refusesBadFingerprints() {
    OutputFingerprint f =
        OutputFingerprint.newBuilder(Records.fingerprint())
            .setRowCount(-1)
            .setContentHash("XYZ")
            .build();
    f.getBuckets().getHashes().set(1, "nothex");
    assertThat(RecordRules.check(f))
        .extracting(FieldError::field)
        .containsExactlyInAnyOrder("rowCount", "contentHash", "buckets.hashes[1]");
  }
}
