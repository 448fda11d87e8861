package io.dualrun.ingest.parse;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dualrun.inventory.Inventory;
import io.dualrun.schemas.avro.RunEvent;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class NativeReaderTest {
  private static final ObjectMapper MAPPER = new ObjectMapper();
  private final NativeReader reader = new NativeReader(Inventory.empty(), 100);

  private static String event(String eventTime) {
    return "{\"workflow\":\"wf-1\",\"partition\":\"2026-11-20\",\"side\":\"baseline\","
        + "\"orchestrator\":\"cron\",\"runId\":\"r1\",\"attempt\":1,\"status\":\"succeeded\","
        + "\"eventTime\":"
        + eventTime
        + "}";
  }

  @Test
  void aDerivedIdDependsOnTheContentOnly() throws Exception {
    String json = "[" + event("\"2026-11-20T07:05:00.250Z\"") + "]";
    RunEvent first = events(MAPPER.readTree(json)).get(0);
    RunEvent again = events(MAPPER.readTree(json)).get(0);
    assertThat(first.getEventId()).isNotBlank().isNotEqualTo("pending");
    assertThat(again.getEventId()).isEqualTo(first.getEventId());
    assertThat(first.getEventTime()).isEqualTo(Instant.parse("2026-11-20T07:05:00.250Z"));
  }

  @Test
  void everySpellingOfOneInstantGivesTheSameRecordAndId() throws Exception {
    List<String> spellings =
        List.of(
            "\"2026-11-20T07:05:00.250Z\"",
            "\"2026-11-20T08:05:00.25+01:00\"",
            "\"2026-11-20T07:05:00.250000Z\"",
            Long.toString(Instant.parse("2026-11-20T07:05:00.250Z").toEpochMilli()));
    List<RunEvent> events = spellings.stream().map(s -> events(read(event(s))).get(0)).toList();
    assertThat(events).allSatisfy(e -> assertThat(e).isEqualTo(events.get(0)));
  }

  @Test
  void finerThanMillisecondTimestampsKeepTheirPrecision() {
    RunEvent e = events(read(event("\"2026-11-20T07:05:00.123456Z\""))).get(0);
    assertThat(e.getEventTime()).isEqualTo(Instant.parse("2026-11-20T07:05:00.123456Z"));
  }

  @Test
  void anInvalidDateIsStillNamedWithTheFullReadersReason() {
    Parsed<List<RunEvent>> p = reader.events(read(event("\"2026-02-30T07:05:00Z\"")));
    assertThat(p).isInstanceOf(Parsed.Invalid.class);
    assertThat(((Parsed.Invalid<List<RunEvent>>) p).errors())
        .anySatisfy(e -> assertThat(e.field()).isEqualTo("eventTime"));
  }

  private List<RunEvent> events(JsonNode body) {
    Parsed<List<RunEvent>> p = reader.events(body);
    assertThat(p).as(p.toString()).isInstanceOf(Parsed.Ok.class);
    return ((Parsed.Ok<List<RunEvent>>) p).value();
  }

  private static JsonNode read(String json) {
    try {
      return MAPPER.readTree(json);
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }
}
