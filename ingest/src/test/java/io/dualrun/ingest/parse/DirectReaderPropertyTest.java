package io.dualrun.ingest.parse;

import static org.assertj.core.api.Assertions.assertThat;

import io.dualrun.inventory.Inventory;
import io.dualrun.schemas.avro.RunEvent;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.EdgeCasesMode;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.statistics.Statistics;
import org.junit.jupiter.api.Test;

/**
 * Whatever the body, the direct reading either gives up or gives exactly the records of the full
 * reading (which then accepts the body too). Bodies are built from valid and invalid spellings of
 * every field, absent and null fields, unknown and repeated fields, native ids, arrays over the
 * batch limit and trailing text.
 */
class DirectReaderPropertyTest {
  private static final int MAX_BATCH = 3;
  private final NativeReader reader = new NativeReader(Inventory.empty(), MAX_BATCH);

  private static final Map<String, List<String>> COMMON = new LinkedHashMap<>();
  private static final Map<String, List<String>> EVENT = new LinkedHashMap<>();
  private static final Map<String, List<String>> PRINT = new LinkedHashMap<>();

  /** How many of a field's first spellings are valid (1 when not listed). */
  private static final Map<String, Integer> VALID =
      Map.ofEntries(
          Map.entry("eventId", 3),
          Map.entry("workflow", 2),
          Map.entry("partition", 2),
          Map.entry("side", 3),
          Map.entry("eventTime", 3),
          Map.entry("status", 3),
          Map.entry("task", 2),
          Map.entry("error", 2),
          Map.entry("logUrl", 2),
          Map.entry("attributes", 3),
          Map.entry("rowCount", 2),
          Map.entry("contentHash", 2),
          Map.entry("schema", 2),
          Map.entry("columns", 2),
          Map.entry("buckets", 2));

  static {
    List<String> ids = List.of("\"e-1\"", "\"r.2\"", "\"\"", "\"bad id\"", "7", "null", "{}");
    COMMON.put("eventId", List.of("\"e-1\"", "\"r.2\"", "null", "\"\"", "\"bad id\"", "7", "{}"));
    COMMON.put("workflow", List.of("\"wf-1\"", "\"Wf_2\"", "\"\"", "\"a b\"", "1", "null"));
    COMMON.put("partition", List.of("\"2026-11-20\"", "\"p\"", "\"\"", "5", "null", "[]"));
    COMMON.put(
        "side",
        List.of("\"baseline\"", "\"CANDIDATE\"", "\"Candidate\"", "\"other\"", "1", "null"));
    COMMON.put("runId", ids);
    COMMON.put(
        "attempt",
        List.of(
            "1",
            "0",
            "-1",
            "2147483647",
            "2147483648",
            "1.0",
            "1e2",
            "\"1\"",
            "null",
            "99999999999999999999"));
    COMMON.put(
        "eventTime",
        List.of(
            "\"2026-11-20T07:05:00Z\"",
            "\"2026-11-20T07:05:00.250Z\"",
            "\"2026-11-20T07:05:00.2Z\"",
            "\"2026-11-20T08:05:00+01:00\"",
            "\"2026-02-30T07:05:00Z\"",
            "\"2026-11-20T07:05:00.123456Z\"",
            "\"2026-11-20 07:05:00Z\"",
            "1763622300000",
            "-1",
            "1.5",
            "\"x\"",
            "null",
            "9223372036854775807",
            "99999999999999999999"));
    EVENT.putAll(COMMON);
    EVENT.put("orchestrator", List.of("\"cron\"", "\"\"", "null", "2"));
    EVENT.put(
        "status", List.of("\"succeeded\"", "\"STARTED\"", "\"Failed\"", "\"done\"", "3", "null"));
    List<String> optionalText = List.of("\"t\"", "null", "1", "\"\"", "true");
    EVENT.put("task", optionalText);
    EVENT.put("error", optionalText);
    EVENT.put("logUrl", optionalText);
    EVENT.put(
        "attributes",
        List.of(
            "{}",
            "{\"a\":\"b\",\"c\":\"d\"}",
            "{\"a\":\"b\",\"a\":\"c\"}",
            "{\"a\":null}",
            "{\"a\":1}",
            "[]",
            "null",
            "\"x\""));
    PRINT.putAll(COMMON);
    PRINT.put("output", List.of("\"db.t\"", "\"\"", "null", "1"));
    PRINT.put(
        "rowCount",
        List.of("10", "0", "-1", "1.0", "\"5\"", "9223372036854775807", "null", "true"));
    PRINT.put("contentHash", List.of("\"0123456789abcdef\"", "null", "\"XYZ\"", "1"));
    PRINT.put(
        "schema",
        List.of(
            "[]",
            "[{\"name\":\"a\",\"type\":\"integer\"}]",
            "[{\"name\":\"a\",\"type\":\"integer\"},{\"name\":\"a\",\"type\":\"text\"}]",
            "[{\"name\":\"a\"}]",
            "[{\"name\":\"a\",\"type\":\"text\",\"x\":1}]",
            "[null]",
            "{}",
            "null"));
    PRINT.put(
        "columns",
        List.of(
            "[]",
            "[{\"name\":\"a\",\"nulls\":0,\"min\":\"1\",\"max\":\"9\",\"sum\":\"10\"}]",
            "[{\"name\":\"a\",\"nulls\":-1}]",
            "[{\"name\":\"a\",\"nulls\":2,\"min\":null}]",
            "[{\"name\":\"a\"}]",
            "null"));
    PRINT.put(
        "buckets",
        List.of(
            "null",
            "{\"keyColumns\":[\"a\"],\"rowCounts\":[1,2],\"hashes\":[\"0123456789abcdef\",\"fedcba9876543210\"]}",
            "{\"keyColumns\":[\"a\"],\"rowCounts\":[1],\"hashes\":[\"x\",\"y\"]}",
            "{\"keyColumns\":[],\"rowCounts\":[null],\"hashes\":[]}",
            "{\"keyColumns\":[\"a\"]}",
            "[]"));
  }

  @Property(tries = 3000, edgeCases = EdgeCasesMode.NONE)
  void directEventsAreTheFullReadingsEvents(@ForAll("eventBodies") String body) {
    compare(body, reader::directEvents, reader::events);
  }

  @Property(tries = 3000, edgeCases = EdgeCasesMode.NONE)
  void directFingerprintsAreTheFullReadingsFingerprints(@ForAll("fingerprintBodies") String body) {
    compare(body, reader::directFingerprints, reader::fingerprints);
  }

  @Test
  void wellFormedBodiesAreReadDirectly() {
    String event =
        "{\"workflow\":\"wf-1\",\"partition\":\"2026-11-20\",\"side\":\"baseline\","
            + "\"orchestrator\":\"cron\",\"runId\":\"r1\",\"attempt\":1,\"status\":\"succeeded\","
            + "\"eventTime\":\"2026-11-20T07:05:00.250Z\",\"attributes\":{\"k\":\"v\"}}";
    byte[] batch = utf8("[" + event + ", " + event.replace("r1", "r2") + "]\n");

    List<RunEvent> direct = reader.directEvents(batch);

    assertThat(direct).isNotNull().hasSize(2);
    assertThat(Parsed.ok(direct)).isEqualTo(BodyReader.parse(batch).flatMap(reader::events));
    assertThat(direct.get(0).getEventId())
        .isNotEqualTo("pending")
        .isNotEqualTo(direct.get(1).getEventId());
    assertThat(reader.directEvents(utf8(event))).isNotNull().hasSize(1);
  }

  private static <T> void compare(
      String body,
      Function<byte[], List<T>> direct,
      Function<com.fasterxml.jackson.databind.JsonNode, Parsed<List<T>>> full) {
    byte[] bytes = utf8(body);
    List<T> directly = direct.apply(bytes);
    Statistics.collect(directly == null ? "full reading" : "direct");
    if (directly == null) {
      return;
    }
    Parsed<List<T>> fully = BodyReader.parse(bytes).flatMap(full);
    assertThat(fully)
        .as("read directly, so the full reading must read it too")
        .isInstanceOf(Parsed.Ok.class);
    assertThat(directly).isEqualTo(((Parsed.Ok<List<T>>) fully).value());
  }

  @Provide
  Arbitrary<String> eventBodies() {
    return bodies(EVENT);
  }

  @Provide
  Arbitrary<String> fingerprintBodies() {
    return bodies(PRINT);
  }

  private static Arbitrary<String> bodies(Map<String, List<String>> fields) {
    // clean elements (each field one of its valid spellings) and noisy ones
    Arbitrary<String> element =
        Arbitraries.frequencyOf(
            Tuple.of(3, element(fields, false)), Tuple.of(2, element(fields, true)));
    Arbitrary<String> batch =
        element
            .list()
            .ofMinSize(0)
            .ofMaxSize(MAX_BATCH + 1)
            .map(l -> "[" + String.join(",", l) + "]");
    Arbitrary<String> shape =
        Arbitraries.frequencyOf(
            Tuple.of(3, element),
            Tuple.of(6, batch),
            Tuple.of(1, Arbitraries.of("[1]", "[null]", "\"x\"", "[[]]", "")));
    Arbitrary<String> tail =
        Arbitraries.frequencyOf(
            Tuple.of(12, Arbitraries.of("", "\n ")),
            Tuple.of(1, Arbitraries.of(" {}", "]", " x", ",")));
    return Combinators.combine(shape, tail).as((s, t) -> s + t);
  }

  /**
   * One object. Clean: each field one of its valid spellings (the first few of its list). Noisy: a
   * field now and then given any spelling, left out or given twice, and now and then an unknown or
   * native field.
   */
  private static Arbitrary<String> element(Map<String, List<String>> fields, boolean noisy) {
    List<Arbitrary<List<String>>> parts = new ArrayList<>();
    for (var f : fields.entrySet()) {
      String name = "\"" + f.getKey() + "\":";
      List<String> valid = f.getValue().subList(0, VALID.getOrDefault(f.getKey(), 1));
      Arbitrary<List<String>> field = Arbitraries.of(valid).map(v -> List.of(name + v));
      if (noisy) {
        Arbitrary<String> any = Arbitraries.of(f.getValue());
        field =
            Arbitraries.frequencyOf(
                Tuple.of(40, field),
                Tuple.of(2, any.map(v -> List.of(name + v))),
                Tuple.of(1, Arbitraries.just(List.<String>of())),
                Tuple.of(
                    1, any.list().ofSize(2).map(vs -> vs.stream().map(v -> name + v).toList())));
      }
      parts.add(field);
    }
    if (noisy) {
      parts.add(
          Arbitraries.frequencyOf(
              Tuple.of(12, Arbitraries.just(List.<String>of())),
              Tuple.of(
                  1,
                  Arbitraries.of(
                          "\"foo\":1",
                          "\"job\":\"daily\"",
                          "\"logicalTime\":\"2026-11-20T00:00:00Z\"",
                          "\"namespace\":\"n\"")
                      .map(List::of))));
    }
    return Combinators.combine(parts)
        .as(lists -> lists.stream().flatMap(List::stream).toList())
        .flatMap(members -> Arbitraries.shuffle(members))
        .map(members -> "{" + String.join(",", members) + "}");
  }

  private static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }
}
