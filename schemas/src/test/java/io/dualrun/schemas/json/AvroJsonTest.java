package io.dualrun.schemas.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.dualrun.schemas.Records;
import io.dualrun.schemas.avro.ColumnHash;
import io.dualrun.schemas.avro.ColumnHashes;
import io.dualrun.schemas.avro.OutputFingerprint;
import io.dualrun.schemas.avro.RunEvent;
import io.dualrun.schemas.avro.RunStatus;
import io.dualrun.schemas.avro.Side;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class AvroJsonTest {

  private static JsonNode json(String text) throws Exception {
    return AvroJson.MAPPER.readTree(text);
  }

  @Test
  void readsARunEventWithDefaults() throws Exception {
    RunEvent e =
        AvroJson.read(
            json(
                """
                {"eventId":"e1","workflow":"kpi","partition":"2026-11-20","side":"candidate",
                 "orchestrator":"airflow","runId":"r1","attempt":1,"status":"succeeded",
                 "eventTime":"2026-11-21T07:05:00+01:00"}
                """),
            RunEvent.class);
    assertThat(e.getSide()).isEqualTo(Side.CANDIDATE);
    assertThat(e.getStatus()).isEqualTo(RunStatus.SUCCEEDED);
    assertThat(e.getEventTime()).isEqualTo(Instant.parse("2026-11-21T06:05:00Z"));
    assertThat(e.getAttributes()).isEmpty();
    assertThat(e.getTask()).isNull();
  }

  @Test
  void acceptsEpochMillisForTimestamps() throws Exception {
    RunEvent e =
        AvroJson.read(
            json(
                """
                {"eventId":"e1","workflow":"kpi","partition":"p","side":"BASELINE",
                 "orchestrator":"cron","runId":"r1","attempt":1,"status":"STARTED",
                 "eventTime":1700000000000}
                """),
            RunEvent.class);
    assertThat(e.getEventTime()).isEqualTo(Instant.ofEpochMilli(1700000000000L));
  }

  @Test
  void reportsEveryBadFieldWithItsPath() throws Exception {
    assertThatThrownBy(
            () ->
                AvroJson.read(
                    json(
                        """
                        {"workflow":7,"partition":"p","side":"left","orchestrator":"cron",
                         "runId":"r","attempt":"one","status":"DONE","eventTime":"yesterday",
                         "colour":"red"}
                        """),
                    RunEvent.class))
        .isInstanceOfSatisfying(
            ValidationException.class,
            v ->
                assertThat(v.errors())
                    .extracting(FieldError::field)
                    .containsExactlyInAnyOrder(
                        "eventId", "workflow", "side", "attempt", "status", "eventTime", "colour"));
  }

  @Test
  void namesNestedFields() throws Exception {
    assertThatThrownBy(
            () ->
                AvroJson.read(
                    json(
                        """
                        {"eventId":"f","workflow":"w","partition":"p","side":"baseline","runId":"r",
                         "attempt":1,"output":"o","eventTime":0,"rowCount":5,
                         "columns":[{"name":"a","nulls":0},{"name":"b","nulls":"x"}]}
                        """),
                    OutputFingerprint.class))
        .isInstanceOfSatisfying(
            ValidationException.class,
            v ->
                assertThat(v.errors())
                    .containsExactly(
                        new FieldError(
                            "columns[1].nulls", "expected a whole number, got the string 'x'")));
  }

  @Test
  void enumErrorsListTheAllowedValues() throws Exception {
    assertThatThrownBy(
            () ->
                AvroJson.read(
                    json(
                        """
                        {"eventId":"e","workflow":"w","partition":"p","side":"baseline",
                         "orchestrator":"o","runId":"r","attempt":1,"status":"RUNNING","eventTime":0}
                        """),
                    RunEvent.class))
        .hasMessageContaining(
            "status: 'RUNNING' is not one of STARTED, SUCCEEDED, FAILED, SKIPPED");
  }

  @Test
  void writesReadableJsonAndReadsItBack() {
    OutputFingerprint f = Records.fingerprint();
    JsonNode written = AvroJson.write(f);
    assertThat(written.get("side").asText()).isEqualTo("baseline");
    assertThat(written.get("eventTime").asText()).isEqualTo("2026-11-21T07:09:00Z");
    assertThat(written.get("schema").get(0).get("name").asText()).isEqualTo("amount");
    assertThat(AvroJson.read(written, OutputFingerprint.class)).isEqualTo(f);
    assertThat(AvroJson.read(AvroJson.write(Records.runEvent()), RunEvent.class))
        .isEqualTo(Records.runEvent());
  }

  @Test
  void readsFingerprintsWithAndWithoutColumnHashes() throws Exception {
    String before =
        """
        {"eventId":"f","workflow":"w","partition":"p","side":"baseline","runId":"r",
         "attempt":1,"output":"o","eventTime":0,"rowCount":5,"contentHash":"00000000000000ff"}
        """;
    assertThat(AvroJson.read(json(before), OutputFingerprint.class).getColumnHashes()).isNull();

    OutputFingerprint f =
        OutputFingerprint.newBuilder(Records.fingerprint())
            .setColumnHashes(
                new ColumnHashes(
                    List.of("day"), List.of(new ColumnHash("amount", "0123456789abcdef"))))
            .build();
    JsonNode written = AvroJson.write(f);
    assertThat(written.at("/columnHashes/hashes/0/hash").asText()).isEqualTo("0123456789abcdef");
    assertThat(written.at("/columnHashes/keyColumns/0").asText()).isEqualTo("day");
    assertThat(AvroJson.read(written, OutputFingerprint.class)).isEqualTo(f);
  }

  @Test
  void writesOptionalTimestampsInsideNestedRecords() {
    io.dualrun.schemas.avro.SideSummary side =
        io.dualrun.schemas.avro.SideSummary.newBuilder()
            .setOrchestrator("cron")
            .setRunId("r1")
            .setAttempt(1)
            .setStatus(RunStatus.SUCCEEDED)
            .setStartTime(Instant.parse("2026-11-21T07:05:00Z"))
            .setEndTime(Instant.parse("2026-11-21T07:25:00Z"))
            .setDurationMs(1_200_000L)
            .build();
    io.dualrun.schemas.avro.Verdict v =
        io.dualrun.schemas.avro.Verdict.newBuilder()
            .setWorkflow("w")
            .setPartition("p")
            .setRevision(1)
            .setOutcome(io.dualrun.schemas.avro.Outcome.MATCH)
            .setReason(io.dualrun.schemas.avro.DecisionReason.COMPLETE)
            .setDecidedAt(Instant.parse("2026-11-21T07:30:00Z"))
            .setInventoried(true)
            .setBaseline(side)
            .build();
    JsonNode json = AvroJson.write(v);
    assertThat(json.at("/baseline/startTime").asText()).isEqualTo("2026-11-21T07:05:00Z");
    assertThat(json.get("candidate").isNull()).isTrue();
    assertThat(AvroJson.read(json, io.dualrun.schemas.avro.Verdict.class)).isEqualTo(v);
  }

  @Test
  void aDocumentMustBeAnObject() throws Exception {
    assertThatThrownBy(() -> AvroJson.read(json("[1,2]"), RunEvent.class))
        .isInstanceOfSatisfying(
            ValidationException.class,
            v ->
                assertThat(v.errors())
                    .containsExactly(new FieldError("", "expected an object, got an array")));
  }
}
