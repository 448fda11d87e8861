package io.dualrun.reconciler.rest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.dualrun.schemas.avro.FindingKind;
import io.dualrun.schemas.avro.Waiver;
import io.dualrun.schemas.json.AvroJson;
import io.dualrun.schemas.json.FieldError;
import io.dualrun.schemas.json.ValidationException;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class WaiverRequestTest {
  private static final Instant NOW = Instant.parse("2026-12-04T10:00:00Z");

  private static JsonNode json(String text) throws Exception {
    return AvroJson.MAPPER.readTree(text);
  }

  @Test
  void aDateExpiresWhenItsDayBeginsAndTheReconcilerSetsIdAndCreation() throws Exception {
    Waiver w =
        WaiverRequest.parse(
            json(
                "{\"workflow\":\"orders\",\"kind\":\"content\",\"column\":\"amount\","
                    + "\"partitions\":[\"2026-12-*\"],\"owner\":\"lead\",\"reason\":\"rounding\","
                    + "\"expiresAt\":\"2027-01-31\",\"version\":\"1.4.0\"}"),
            "oncall",
            NOW);
    assertThat(w.getExpiresAt()).isEqualTo(Instant.parse("2027-01-31T00:00:00Z"));
    assertThat(w.getId()).startsWith("w-");
    assertThat(w.getCreatedAt()).isEqualTo(NOW);
    assertThat(w.getCreatedBy()).isEqualTo("oncall");
    assertThat(w.getKind()).isEqualTo(FindingKind.CONTENT);
    assertThat(w.getPartitions()).containsExactly("2026-12-*");
  }

  @Test
  void everyProblemIsNamedAtOnce() {
    assertThatThrownBy(
            () ->
                WaiverRequest.parse(
                    json(
                        "{\"workflow\":\"a/b\",\"owner\":\"\",\"createdAt\":1,\"partitions\":[\"\"],"
                            + "\"expiresAt\":\"2026-12-04\",\"reason\":\" \"}"),
                    null,
                    NOW))
        .isInstanceOfSatisfying(
            ValidationException.class,
            e ->
                assertThat(e.errors())
                    .extracting(FieldError::field)
                    .containsExactlyInAnyOrder(
                        "createdAt", "workflow", "owner", "partitions[0]", "reason", "expiresAt"));
  }
}
