package io.dualrun.reconciler.codec;

import static io.dualrun.reconciler.codec.AvroValues.optionalText;
import static io.dualrun.reconciler.codec.AvroValues.text;
import static io.dualrun.reconciler.codec.AvroValues.times;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dualrun.schemas.avro.BreachKind;
import io.dualrun.schemas.avro.BreachState;
import io.dualrun.schemas.avro.DecisionReason;
import io.dualrun.schemas.avro.Finding;
import io.dualrun.schemas.avro.FindingKind;
import io.dualrun.schemas.avro.FreshnessBreach;
import io.dualrun.schemas.avro.Outcome;
import io.dualrun.schemas.avro.OutputSummary;
import io.dualrun.schemas.avro.RunStatus;
import io.dualrun.schemas.avro.Side;
import io.dualrun.schemas.avro.SideSummary;
import io.dualrun.schemas.avro.Verdict;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificDatumWriter;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.errors.SerializationException;

/**
 * The hand-written writers produce exactly the bytes of Avro's own {@code SpecificDatumWriter}, for
 * any value: every optional field null or set, empty and long lists, any text and time. A field
 * added to a schema and not to its writer makes the bytes differ.
 */
class AvroWritersPropertyTest {
  @Property(tries = 300)
  void verdictBytesAreAvros(@ForAll("verdicts") Verdict v) throws IOException {
    assertThat(FramedWriter.body(v, VerdictWriter::write, "verdict")).isEqualTo(avro(v));
  }

  @Property(tries = 300)
  void breachBytesAreAvros(@ForAll("breaches") FreshnessBreach b) throws IOException {
    assertThat(FramedWriter.body(b, BreachWriter::write, "breach")).isEqualTo(avro(b));
  }

  @Property(tries = 50)
  void framedIsMagicIdThenBody(@ForAll("breaches") FreshnessBreach b, @ForAll int id)
      throws IOException {
    byte[] framed = FramedWriter.framed(id, b, BreachWriter::write, "breach");
    byte[] body = avro(b);
    assertThat(framed[0]).isEqualTo((byte) 0);
    assertThat(java.nio.ByteBuffer.wrap(framed, 1, 4).getInt()).isEqualTo(id);
    assertThat(java.util.Arrays.copyOfRange(framed, 5, framed.length)).isEqualTo(body);
  }

  @Example
  void aMissingRequiredFieldIsASerializationErrorNamingTheRecord() {
    FreshnessBreach b = new FreshnessBreach();
    assertThatThrownBy(() -> FramedWriter.body(b, BreachWriter::write, "freshness breach"))
        .isInstanceOf(SerializationException.class)
        .hasMessageStartingWith("cannot encode freshness breach");
  }

  private static byte[] avro(SpecificRecord r) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    BinaryEncoder e = EncoderFactory.get().directBinaryEncoder(out, null);
    @SuppressWarnings("unchecked")
    SpecificDatumWriter<SpecificRecord> w =
        new SpecificDatumWriter<>((Class<SpecificRecord>) r.getClass());
    w.write(r, e);
    e.flush();
    return out.toByteArray();
  }

  @Provide
  Arbitrary<FreshnessBreach> breaches() {
    Arbitrary<FreshnessBreach.Builder> ids =
        Combinators.combine(
                text(),
                text(),
                text(),
                Arbitraries.of(BreachKind.class),
                Arbitraries.of(BreachState.class),
                Arbitraries.of(Side.class))
            .as(
                (id, wf, p, kind, state, side) ->
                    FreshnessBreach.newBuilder()
                        .setBreachId(id)
                        .setWorkflow(wf)
                        .setPartition(p)
                        .setKind(kind)
                        .setState(state)
                        .setSide(side));
    return Combinators.combine(
            ids,
            times(),
            times().injectNull(0.3),
            times(),
            Arbitraries.of(true, false),
            optionalText(),
            Arbitraries.integers().injectNull(0.3),
            text())
        .as(
            (b, due, ref, seen, inv, owner, tier, detail) ->
                b.setDueTime(due)
                    .setReferenceTime(ref)
                    .setObservedAt(seen)
                    .setInventoried(inv)
                    .setOwner(owner)
                    .setTier(tier)
                    .setDetail(detail)
                    .build());
  }

  private static Arbitrary<OutputSummary> outputs() {
    return Combinators.combine(text(), Arbitraries.longs(), optionalText()).as(OutputSummary::new);
  }

  private static Arbitrary<SideSummary> sides() {
    Arbitrary<SideSummary.Builder> head =
        Combinators.combine(
                text(),
                text(),
                Arbitraries.integers(),
                Arbitraries.of(RunStatus.class),
                times().injectNull(0.3),
                times().injectNull(0.3),
                Arbitraries.longs().injectNull(0.3))
            .as(
                (orch, run, attempt, status, start, end, duration) ->
                    SideSummary.newBuilder()
                        .setOrchestrator(orch)
                        .setRunId(run)
                        .setAttempt(attempt)
                        .setStatus(status)
                        .setStartTime(start)
                        .setEndTime(end)
                        .setDurationMs(duration));
    return Combinators.combine(
            head, optionalText(), optionalText(), optionalText(), outputs().list().ofMaxSize(4))
        .as(
            (b, task, error, log, outs) ->
                b.setFailedTask(task).setError(error).setLogUrl(log).setOutputs(outs).build());
  }

  private static Arbitrary<Finding> findings() {
    return Combinators.combine(
            Arbitraries.of(FindingKind.class),
            optionalText(),
            optionalText(),
            optionalText(),
            optionalText(),
            text(),
            Arbitraries.integers().list().ofMaxSize(5),
            optionalText())
        .as(
            (kind, output, column, baseline, candidate, detail, buckets, waiver) ->
                new Finding(
                    kind,
                    output,
                    column,
                    baseline,
                    candidate,
                    detail,
                    buckets,
                    waiver,
                    List.<String>of(),
                    List.<String>of(),
                    null))
        .flatMap(
            f ->
                Combinators.combine(
                        text().list().ofMaxSize(3), text().list().ofMaxSize(3), optionalText())
                    .as(
                        (differing, equal, hint) ->
                            Finding.newBuilder(f)
                                .setDifferingColumns(differing)
                                .setEqualColumns(equal)
                                .setHint(hint)
                                .build()));
  }

  @Provide
  Arbitrary<Verdict> verdicts() {
    Arbitrary<Verdict.Builder> head =
        Combinators.combine(
                text(),
                text(),
                Arbitraries.integers(),
                Arbitraries.of(Outcome.class),
                Arbitraries.of(Outcome.class).injectNull(0.4),
                Arbitraries.of(true, false),
                Arbitraries.of(DecisionReason.class),
                times())
            .as(
                (wf, p, rev, outcome, previous, resolution, reason, decided) ->
                    Verdict.newBuilder()
                        .setWorkflow(wf)
                        .setPartition(p)
                        .setRevision(rev)
                        .setOutcome(outcome)
                        .setPreviousOutcome(previous)
                        .setResolution(resolution)
                        .setReason(reason)
                        .setDecidedAt(decided));
    return Combinators.combine(
            head,
            Arbitraries.of(true, false),
            optionalText(),
            Arbitraries.integers().injectNull(0.3),
            sides().injectNull(0.2),
            sides().injectNull(0.2),
            findings().list().ofMaxSize(4))
        .as(
            (b, inv, owner, tier, baseline, candidate, findings) ->
                b.setInventoried(inv)
                    .setOwner(owner)
                    .setTier(tier)
                    .setBaseline(baseline)
                    .setCandidate(candidate)
                    .setFindings(List.copyOf(findings))
                    .build());
  }
}
