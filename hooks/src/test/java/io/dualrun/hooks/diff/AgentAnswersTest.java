package io.dualrun.hooks.diff;

import static org.assertj.core.api.Assertions.assertThat;

import io.dualrun.hooks.fingerprint.Column;
import io.dualrun.registry.SchemaRegistry;
import io.dualrun.schemas.ColumnKind;
import io.dualrun.schemas.avro.DrillAnswer;
import io.dualrun.schemas.avro.DrillKind;
import io.dualrun.schemas.avro.DrillRequest;
import io.dualrun.schemas.normalise.Normalisation;
import io.dualrun.schemas.topic.Topic;
import io.dualrun.schemas.topic.TopicCatalog;
import io.dualrun.schemas.topic.TopicSettings;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * An agent's answers through the wire's Avro encoding and back give the diff what the side itself
 * gives: a bisection over two such sides finds exactly what it finds over the sides directly.
 */
class AgentAnswersTest {
  private static final TopicCatalog CATALOG =
      TopicCatalog.create(SchemaRegistry.inMemory(), TopicSettings.SINGLE_NODE, true);
  private static final List<Column> COLUMNS =
      List.of(
          new Column("id", ColumnKind.INTEGER),
          new Column("name", ColumnKind.TEXT),
          new Column("amount", ColumnKind.DECIMAL));

  /** A side asked as an agent is: request in, answer encoded and decoded. */
  private static final class OverTheWire implements DiffSide {
    private final DiffSide side;
    private long bytes;

    OverTheWire(DiffSide side) {
      this.side = side;
    }

    private DrillAnswer ask(DrillKind kind, long modulus, long parent, Set<Long> buckets) {
      DrillRequest request =
          DrillRequest.newBuilder()
              .setRequestId("r")
              .setDrillId("d")
              .setAgent("a")
              .setKind(kind)
              .setModulus(modulus)
              .setParentModulus(parent)
              .setBuckets(new ArrayList<>(new TreeSet<>(buckets)))
              .setDeadline(Instant.now().plus(Duration.ofMinutes(1)))
              .build();
      request = roundTrip(CATALOG.drillRequests(), request);
      DrillAnswer answer = roundTrip(CATALOG.drillAnswers(), AgentAnswers.answer(request, side));
      assertThat(answer.getRequestId()).isEqualTo("r");
      assertThat(answer.getError()).isNull();
      bytes += CATALOG.drillAnswers().valueSerde().serializer().serialize("t", answer).length;
      return answer;
    }

    @Override
    public List<String> columns() {
      return ask(DrillKind.COLUMNS, 0, 0, Set.of()).getColumns();
    }

    @Override
    public Map<Long, BucketSum> sums(long modulus, long parentModulus, Set<Long> parents) {
      return AgentAnswers.sums(ask(DrillKind.SUMS, modulus, parentModulus, parents));
    }

    @Override
    public List<DiffRow> rows(long modulus, Set<Long> buckets) {
      return AgentAnswers.rows(ask(DrillKind.ROWS, modulus, 0, buckets));
    }

    @Override
    public long bytesSent() {
      return bytes;
    }

    @Override
    public void close() {}
  }

  private static <V> V roundTrip(Topic<String, V> topic, V value) {
    byte[] bytes = topic.valueSerde().serializer().serialize(topic.name(), value);
    return topic.valueSerde().deserializer().deserialize(topic.name(), bytes);
  }

  private static DiffSide side(List<Object[]> rows, boolean candidate) throws Exception {
    return new ScannedSide(
        () -> new ListRows(COLUMNS, rows),
        List.of("id"),
        List.of(),
        Normalisation.NONE,
        candidate,
        Masking.NONE);
  }

  private static List<Object[]> table(int n) {
    List<Object[]> rows = new ArrayList<>();
    for (long id = 1; id <= n; id++) {
      rows.add(new Object[] {id, id % 7 == 0 ? null : "n" + id, BigDecimal.valueOf(id * 3, 2)});
    }
    return rows;
  }

  @Test
  void aBisectionOverAnsweringSidesFindsWhatItFindsOverTheSidesThemselves() throws Exception {
    List<Object[]> baseline = table(3000);
    List<Object[]> candidate = new ArrayList<>(baseline);
    candidate.remove(10);
    Object[] changed = candidate.get(500);
    candidate.set(500, new Object[] {changed[0], "changed", changed[2]});
    candidate.add(new Object[] {9001L, null, BigDecimal.TEN});
    Bisection.Limits limits = new Bisection.Limits(16, 40, Duration.ofMinutes(1));

    DiffResult direct =
        new Bisection(side(baseline, false), side(candidate, true), limits, System::nanoTime).run();
    OverTheWire a = new OverTheWire(side(baseline, false));
    OverTheWire b = new OverTheWire(side(candidate, true));
    DiffResult answered = new Bisection(a, b, limits, System::nanoTime).run();

    assertThat(answered.differences()).hasSize(3).isEqualTo(direct.differences());
    assertThat(answered.levels()).isEqualTo(direct.levels());
    assertThat(a.bytesSent()).isPositive().isLessThan(3000 * 20 / 5);
  }

  @Test
  void aSideThatCannotAnswerGivesTheReasonInTheAnswer() {
    DrillRequest request =
        DrillRequest.newBuilder()
            .setRequestId("r1")
            .setDrillId("d1")
            .setAgent("a1")
            .setKind(DrillKind.SUMS)
            .setModulus(16)
            .setParentModulus(1)
            .setBuckets(List.of(0L))
            .setDeadline(Instant.now())
            .build();
    DiffSide failing =
        new DiffSide() {
          @Override
          public List<String> columns() {
            return List.of("id");
          }

          @Override
          public Map<Long, BucketSum> sums(long m, long pm, Set<Long> ps) throws Exception {
            throw new java.sql.SQLException("relation t does not exist");
          }

          @Override
          public List<DiffRow> rows(long m, Set<Long> b) {
            return List.of();
          }

          @Override
          public long bytesSent() {
            return 0;
          }

          @Override
          public void close() {}
        };
    DrillAnswer answer = AgentAnswers.answer(request, failing);
    assertThat(answer.getRequestId()).isEqualTo("r1");
    assertThat(answer.getDrillId()).isEqualTo("d1");
    assertThat(answer.getError()).isEqualTo("relation t does not exist");
    assertThat(answer.getSums()).isEmpty();
  }
}
