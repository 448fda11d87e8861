package io.dualrun.ingest.parse;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dualrun.schemas.json.AvroJson;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

class EventIdsTest {
  private static final ObjectMapper MAPPER = new ObjectMapper();

  @Test
  void canonicalJsonSortsKeysAtEveryDepthAndIsCompact() throws Exception {
    JsonNode node =
        MAPPER.readTree(
            "{\"b\": 1, \"a\": {\"z\": [ {\"y\": 2, \"x\": \"é\"} ], \"c\": null}, \"A\": 1.5}");
    assertThat(EventIds.canonical(node))
        .isEqualTo("{\"A\":1.5,\"a\":{\"c\":null,\"z\":[{\"x\":\"é\",\"y\":2}]},\"b\":1}");
  }

  @Test
  void idsAreThoseOfTheSortedTreeForm() throws Exception {
    String fingerprint =
        "{\"workflow\":\"wf-1\",\"partition\":\"2026-11-20\",\"side\":\"candidate\","
            + "\"runId\":\"r\",\"attempt\":2,\"output\":\"sales\",\"rowCount\":10,"
            + "\"eventId\":\"x\",\"eventTime\":\"2026-11-20T07:05:00.123456Z\","
            + "\"schema\":[{\"name\":\"id\",\"type\":\"integer\"}],"
            + "\"columns\":[{\"name\":\"id\",\"nulls\":0,\"min\":\"1\",\"max\":\"9\",\"sum\":\"45\"}]}";
    var record =
        AvroJson.read(
            MAPPER.readTree(fingerprint), io.dualrun.schemas.avro.OutputFingerprint.class);
    ObjectNode json = AvroJson.write(record);
    json.remove("eventId");
    json.remove("columnHashes"); // added later: left out while null
    json.remove("normalisation");
    assertThat(EventIds.derive(record)).isEqualTo(referenceSha256(sortedTree(json).toString()));
  }

  @Test
  void anEventThatAnnouncesNothingKeepsTheIdItHadBeforeRunsCouldAnnounce() throws Exception {
    String event =
        "{\"workflow\":\"wf-1\",\"partition\":\"2026-11-20\",\"side\":\"baseline\","
            + "\"orchestrator\":\"cron\",\"runId\":\"r\",\"attempt\":1,"
            + "\"status\":\"SUCCEEDED\",\"eventId\":\"x\","
            + "\"eventTime\":\"2026-11-20T07:05:00Z\"}";
    var record = AvroJson.read(MAPPER.readTree(event), io.dualrun.schemas.avro.RunEvent.class);
    ObjectNode before = AvroJson.write(record);
    before.remove("eventId");
    before.remove("expectedOutputs");
    before.remove("inputs");
    before.remove("jobVersion");
    String idBefore = referenceSha256(sortedTree(before).toString());

    assertThat(EventIds.derive(record)).isEqualTo(idBefore);
    record.setInputs(List.of("raw.orders"));
    assertThat(EventIds.derive(record)).isNotEqualTo(idBefore);
    record.setInputs(List.of());
    record.setExpectedOutputs(List.of("sales.orders"));
    assertThat(EventIds.derive(record)).isNotEqualTo(idBefore);
    record.setExpectedOutputs(List.of());
    record.setJobVersion("1.4.0");
    assertThat(EventIds.derive(record)).isNotEqualTo(idBefore);
    record.setJobVersion(null);
    assertThat(EventIds.derive(record)).isEqualTo(idBefore);
  }

  @Test
  void aFingerprintWithoutColumnHashesOrRulesKeepsTheIdItHadBeforeThem() throws Exception {
    String fingerprint =
        "{\"workflow\":\"wf-1\",\"partition\":\"2026-11-20\",\"side\":\"candidate\","
            + "\"runId\":\"r\",\"attempt\":2,\"output\":\"sales\",\"rowCount\":10,"
            + "\"eventId\":\"x\",\"eventTime\":\"2026-11-20T07:05:00Z\","
            + "\"contentHash\":\"00000000000000ff\"}";
    var record =
        AvroJson.read(
            MAPPER.readTree(fingerprint), io.dualrun.schemas.avro.OutputFingerprint.class);
    ObjectNode before = AvroJson.write(record);
    before.remove("eventId");
    before.remove("columnHashes");
    before.remove("normalisation");
    String idBefore = referenceSha256(sortedTree(before).toString());

    assertThat(EventIds.derive(record)).isEqualTo(idBefore);
    record.setNormalisation("amount:scale=2");
    assertThat(EventIds.derive(record)).isNotEqualTo(idBefore);
    record.setNormalisation(null);
    record.setColumnHashes(
        new io.dualrun.schemas.avro.ColumnHashes(
            List.of(), List.of(new io.dualrun.schemas.avro.ColumnHash("id", "0123456789abcdef"))));
    assertThat(EventIds.derive(record)).isNotEqualTo(idBefore);
  }

  private static String referenceSha256(String text) throws Exception {
    return HexFormat.of()
        .formatHex(
            MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
  }

  /** The canonical form as first defined: the tree rebuilt with sorted keys. */
  private static JsonNode sortedTree(JsonNode node) {
    if (node.isObject()) {
      List<String> names = new ArrayList<>();
      node.fieldNames().forEachRemaining(names::add);
      Collections.sort(names);
      ObjectNode out = JsonNodeFactory.instance.objectNode();
      names.forEach(n -> out.set(n, sortedTree(node.get(n))));
      return out;
    }
    if (node.isArray()) {
      ArrayNode out = JsonNodeFactory.instance.arrayNode();
      node.forEach(item -> out.add(sortedTree(item)));
      return out;
    }
    return node;
  }
}
