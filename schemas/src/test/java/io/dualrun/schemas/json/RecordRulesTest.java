package io.dualrun.schemas.json;

import static org.assertj.core.api.Assertions.assertThat;

import io.dualrun.schemas.Records;
import io.dualrun.schemas.avro.ColumnHash;
import io.dualrun.schemas.avro.ColumnHashes;
import io.dualrun.schemas.avro.ColumnType;
import io.dualrun.schemas.avro.OutputFingerprint;
import io.dualrun.schemas.avro.RunEvent;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
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
            .setJobVersion("")
            .build();
    assertThat(RecordRules.check(e))
        .extracting(FieldError::field)
        .containsExactlyInAnyOrder("workflow", "partition", "attempt", "jobVersion");
  }

  @Test
  void refusesBadFingerprints() {
    OutputFingerprint f =
        OutputFingerprint.newBuilder(Records.fingerprint())
            .setRowCount(-1)
            .setContentHash("XYZ")
            .build();
    f.getBuckets().getHashes().set(1, "nothex");
    f.setColumnHashes(
        new ColumnHashes(
            List.of(),
            List.of(
                new ColumnHash("amount", "0123456789abcdef"),
                new ColumnHash("day", "0123456789ABCDEF"))));
    f.setNormalisation("amount:scale=two");
    assertThat(RecordRules.check(f))
        .extracting(FieldError::field)
        .containsExactlyInAnyOrder(
            "rowCount",
            "contentHash",
            "buckets.hashes[1]",
            "columnHashes.hashes[1].hash",
            "normalisation");
    assertThat(RecordRules.check(f))
        .filteredOn(e -> e.field().equals("normalisation"))
        .extracting(FieldError::reason)
        .containsExactly("column amount: scale must be a whole number, was 'two'");
    f.setNormalisation("amount:scale=2;customer:baseline=cust_id,candidate=customer_id");
    assertThat(RecordRules.check(f)).extracting(FieldError::field).doesNotContain("normalisation");
  }

  @Test
  void hashIsSixteenLowerCaseHexDigitsAsTheRegularExpressionSays() {
    Pattern hash = Pattern.compile("[0-9a-f]{16}");
    List<String> samples = new ArrayList<>(List.of("", "0123456789abcdef", "0123456789abcde"));
    samples.add("0123456789abcdef0");
    String base = "0123456789abcdef";
    for (int i = 0; i < base.length(); i++) {
      for (char c : "/09:@AFGZ`afgz{\u00e9\u0660".toCharArray()) {
        samples.add(base.substring(0, i) + c + base.substring(i + 1));
      }
    }
    for (String s : samples) {
      assertThat(RecordRules.isHash(s)).as(s).isEqualTo(hash.matcher(s).matches());
    }
  }

  @Test
  void refusesDuplicateColumnsInNarrowAndWideSchemas() {
    for (int width : new int[] {3, 40}) {
      List<ColumnType> schema = new ArrayList<>();
      for (int i = 0; i < width; i++) {
        schema.add(new ColumnType("c" + i, "BIGINT"));
      }
      schema.add(new ColumnType("c1", "VARCHAR"));
      OutputFingerprint f =
          OutputFingerprint.newBuilder(Records.fingerprint()).setSchema$(schema).build();
      assertThat(RecordRules.check(f))
          .as("width %d", width)
          .extracting(FieldError::field)
          .containsExactly("schema[" + width + "].name");
    }
  }
}
