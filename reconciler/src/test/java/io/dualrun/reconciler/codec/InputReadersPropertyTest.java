package io.dualrun.reconciler.codec;

import static io.dualrun.reconciler.codec.AvroValues.optionalText;
import static io.dualrun.reconciler.codec.AvroValues.text;
import static io.dualrun.reconciler.codec.AvroValues.times;
import static org.assertj.core.api.Assertions.assertThat;

import io.dualrun.schemas.avro.BucketHashes;
import io.dualrun.schemas.avro.ColumnHash;
import io.dualrun.schemas.avro.ColumnHashes;
import io.dualrun.schemas.avro.ColumnStats;
import io.dualrun.schemas.avro.ColumnType;
import io.dualrun.schemas.avro.OutputFingerprint;
import io.dualrun.schemas.avro.RunEvent;
import io.dualrun.schemas.avro.RunStatus;
import io.dualrun.schemas.avro.Side;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.apache.avro.io.BinaryDecoder;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.io.Encoder;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificDatumReader;
import org.apache.avro.specific.SpecificDatumWriter;
import org.apache.avro.specific.SpecificRecord;

/**
 * The hand-written input readers read exactly the record Avro's own {@code SpecificDatumReader}
 * reads from the same bytes, and consume all of them, for any value: every optional field null or
 * set, empty and long lists and maps, any text and time, every enum symbol, and arrays and maps
 * written in one block or in several blocks with byte sizes. A field added to a schema and not to
 * its reader makes the records or the bytes consumed differ.
 */
class InputReadersPropertyTest {
  /** Small blocks, so that longer arrays and maps are split into several sized blocks. */
  private static final EncoderFactory BLOCKING = new EncoderFactory().configureBlockSize(32);

  @Property(tries = 300)
  void runEventIsAvros(@ForAll("runEvents") RunEvent e, @ForAll boolean blocks) throws IOException {
    byte[] bytes = avro(e, blocks);
    AvroInput in = input(bytes);
    assertThat(RunEventReader.read(in)).isEqualTo(avroRead(RunEvent.class, bytes));
    assertThat(in.isEnd()).isTrue();
  }

  @Property(tries = 300)
  void fingerprintIsAvros(@ForAll("fingerprints") OutputFingerprint f, @ForAll boolean blocks)
      throws IOException {
    byte[] bytes = avro(f, blocks);
    AvroInput in = input(bytes);
    assertThat(FingerprintReader.read(in)).isEqualTo(avroRead(OutputFingerprint.class, bytes));
    assertThat(in.isEnd()).isTrue();
  }

  @Example
  void readsWhatWasWritten() throws IOException {
    RunEvent e =
        runEvent(
            "e",
            Side.CANDIDATE,
            RunStatus.FAILED,
            Instant.ofEpochMilli(-1),
            "t",
            "é 日本 👍🏽",
            null,
            Map.of("k", "v", "", ""));
    assertThat(RunEventReader.read(input(avro(e, false)))).isEqualTo(e);
    OutputFingerprint f = fingerprint(e.getEventId(), Long.MIN_VALUE, "00ff");
    f.setBuckets(new BucketHashes(List.of("id"), List.of(Long.MAX_VALUE, 0L), List.of("a", "b")));
    f.setColumns(List.of(new ColumnStats("c", 1L, null, "z", "0.5")));
    f.setSchema$(List.of(new ColumnType("c", "text")));
    f.setColumnHashes(
        new ColumnHashes(List.of("id"), List.of(new ColumnHash("c", "0123456789abcdef"))));
    assertThat(FingerprintReader.read(input(avro(f, true)))).isEqualTo(f);
  }

  /** Guards the blocked case of the properties: the small-block encoder does split. */
  @Example
  void theBlockingEncoderWritesSizedBlocks() throws IOException {
    Map<String, String> attributes = new HashMap<>();
    for (int i = 0; i < 40; i++) {
      attributes.put("key-" + i, "value-" + i);
    }
    RunEvent e =
        runEvent(
            "e", Side.BASELINE, RunStatus.STARTED, Instant.EPOCH, null, null, null, attributes);
    byte[] blocked = avro(e, true);
    assertThat(blocked).isNotEqualTo(avro(e, false));
    AvroInput in = input(blocked);
    assertThat(RunEventReader.read(in)).isEqualTo(e);
    assertThat(in.isEnd()).isTrue();
  }

  private static RunEvent runEvent(
      String id,
      Side side,
      RunStatus status,
      Instant time,
      String task,
      String error,
      String logUrl,
      Map<String, String> attributes) {
    return new RunEvent(
        id,
        "wf",
        "2026-11-20",
        side,
        "cron",
        "run-1",
        1,
        status,
        time,
        task,
        error,
        logUrl,
        attributes,
        // outputs announced: as many as there are attributes, so the arrays vary in length too
        attributes.keySet().stream().sorted().toList(),
        attributes.values().stream().sorted().toList(),
        // a job version on some events only
        logUrl);
  }

  private static OutputFingerprint fingerprint(String id, long rows, String hash) {
    return new OutputFingerprint(
        id,
        "wf",
        "2026-11-20",
        Side.BASELINE,
        "run-1",
        2,
        "analytics.revenue_daily",
        Instant.ofEpochMilli(1_700_000_000_123L),
        rows,
        hash,
        List.of(),
        List.of(),
        null,
        null,
        // rules on some fingerprints only
        rows % 2 == 0 ? null : "amount:scale=" + (rows % 7));
  }

  /** Shared by all tries, so that records read later get names of earlier ones. */
  private static final Names NAMES = new Names();

  private static AvroInput input(byte[] bytes) {
    return new AvroInput(bytes, 0, bytes.length, NAMES);
  }

  private static BinaryDecoder decoder(byte[] bytes) {
    return DecoderFactory.get().binaryDecoder(bytes, null);
  }

  private static byte[] avro(SpecificRecord r, boolean blocks) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    Encoder e =
        blocks
            ? BLOCKING.blockingBinaryEncoder(out, null)
            : EncoderFactory.get().directBinaryEncoder(out, null);
    @SuppressWarnings("unchecked")
    SpecificDatumWriter<SpecificRecord> w =
        new SpecificDatumWriter<>((Class<SpecificRecord>) r.getClass());
    w.write(r, e);
    e.flush();
    return out.toByteArray();
  }

  private static <T> T avroRead(Class<T> type, byte[] bytes) throws IOException {
    return new SpecificDatumReader<>(type).read(null, decoder(bytes));
  }

  @Provide
  Arbitrary<RunEvent> runEvents() {
    Arbitrary<RunEvent.Builder> head =
        Combinators.combine(
                text(),
                text(),
                text(),
                Arbitraries.of(Side.class),
                text(),
                text(),
                Arbitraries.integers(),
                Arbitraries.of(RunStatus.class))
            .as(
                (id, wf, p, side, orch, run, attempt, status) ->
                    RunEvent.newBuilder()
                        .setEventId(id)
                        .setWorkflow(wf)
                        .setPartition(p)
                        .setSide(side)
                        .setOrchestrator(orch)
                        .setRunId(run)
                        .setAttempt(attempt)
                        .setStatus(status));
    return Combinators.combine(
            head,
            times(),
            optionalText(),
            optionalText(),
            optionalText(),
            Arbitraries.maps(text(), text()).ofMaxSize(30),
            optionalText())
        .as(
            (b, time, task, error, log, attributes, version) ->
                b.setEventTime(time)
                    .setTask(task)
                    .setError(error)
                    .setLogUrl(log)
                    .setAttributes(attributes)
                    .setJobVersion(version)
                    .build());
  }

  private static Arbitrary<ColumnStats> columnStats() {
    return Combinators.combine(
            text(), Arbitraries.longs(), optionalText(), optionalText(), optionalText())
        .as(ColumnStats::new);
  }

  private static Arbitrary<ColumnHashes> columnHashes() {
    return Combinators.combine(
            text().list().ofMaxSize(4),
            Combinators.combine(text(), text()).as(ColumnHash::new).list().ofMaxSize(40))
        .as(ColumnHashes::new);
  }

  private static Arbitrary<BucketHashes> buckets() {
    return Combinators.combine(
            text().list().ofMaxSize(4),
            Arbitraries.longs().list().ofMaxSize(40),
            text().list().ofMaxSize(40))
        .as(BucketHashes::new);
  }

  @Provide
  Arbitrary<OutputFingerprint> fingerprints() {
    Arbitrary<OutputFingerprint.Builder> head =
        Combinators.combine(
                text(),
                text(),
                text(),
                Arbitraries.of(Side.class),
                text(),
                Arbitraries.integers(),
                text(),
                times())
            .as(
                (id, wf, p, side, run, attempt, output, time) ->
                    OutputFingerprint.newBuilder()
                        .setEventId(id)
                        .setWorkflow(wf)
                        .setPartition(p)
                        .setSide(side)
                        .setRunId(run)
                        .setAttempt(attempt)
                        .setOutput(output)
                        .setEventTime(time));
    return Combinators.combine(
            head,
            Arbitraries.longs(),
            optionalText(),
            Combinators.combine(text(), text()).as(ColumnType::new).list().ofMaxSize(12),
            columnStats().list().ofMaxSize(12),
            buckets().injectNull(0.3),
            columnHashes().injectNull(0.3))
        .as(
            (b, rows, hash, schema, columns, buckets, columnHashes) ->
                b.setRowCount(rows)
                    .setContentHash(hash)
                    .setSchema$(schema)
                    .setColumns(columns)
                    .setBuckets(buckets)
                    .setColumnHashes(columnHashes)
                    .build());
  }
}
