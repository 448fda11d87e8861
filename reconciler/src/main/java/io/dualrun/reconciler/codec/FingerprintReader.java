package io.dualrun.reconciler.codec;

import static io.dualrun.reconciler.codec.AvroReads.list;
import static io.dualrun.reconciler.codec.AvroReads.optionalString;
import static io.dualrun.reconciler.codec.AvroReads.present;
import static io.dualrun.reconciler.codec.AvroReads.symbol;
import static io.dualrun.reconciler.codec.AvroReads.time;

import io.dualrun.schemas.avro.BucketHashes;
import io.dualrun.schemas.avro.ColumnHash;
import io.dualrun.schemas.avro.ColumnHashes;
import io.dualrun.schemas.avro.ColumnStats;
import io.dualrun.schemas.avro.ColumnType;
import io.dualrun.schemas.avro.OutputFingerprint;
import io.dualrun.schemas.avro.Side;
import java.io.IOException;
import java.time.Instant;
import java.util.List;

/**
 * Reads an {@link OutputFingerprint} written with its own schema, field by field in the schema's
 * order, nested records included: the record Avro's {@code SpecificDatumReader} reads (checked by
 * {@code InputReadersPropertyTest}), without its per-field resolution, reflection and logical-type
 * conversions. Records written with any other schema go through the resolving reader ({@link
 * InputDecoder}).
 */
public final class FingerprintReader {
  private static final Side[] SIDES = Side.values();

  private FingerprintReader() {}

  public static OutputFingerprint read(AvroInput in) throws IOException {
    String eventId = in.readString();
    String workflow = in.readString();
    String partition = in.readString();
    Side side = symbol(in, SIDES);
    String runId = in.readString();
    int attempt = in.readInt();
    String output = in.readName();
    Instant eventTime = time(in);
    long rowCount = in.readLong();
    String contentHash = optionalString(in);
    List<ColumnType> schema = list(in, FingerprintReader::columnType);
    List<ColumnStats> columns = list(in, FingerprintReader::columnStats);
    BucketHashes buckets = present(in) ? buckets(in) : null;
    ColumnHashes columnHashes = present(in) ? columnHashes(in) : null;
    String normalisation = optionalString(in);
    return new OutputFingerprint(
        eventId,
        workflow,
        partition,
        side,
        runId,
        attempt,
        output,
        eventTime,
        rowCount,
        contentHash,
        schema,
        columns,
        buckets,
        columnHashes,
        normalisation);
  }

  private static ColumnType columnType(AvroInput in) throws IOException {
    String name = in.readName();
    String type = in.readName();
    return new ColumnType(name, type);
  }

  private static ColumnStats columnStats(AvroInput in) throws IOException {
    String name = in.readName();
    long nulls = in.readLong();
    String min = optionalString(in);
    String max = optionalString(in);
    String sum = optionalString(in);
    return new ColumnStats(name, nulls, min, max, sum);
  }

  private static BucketHashes buckets(AvroInput in) throws IOException {
    List<String> keyColumns = list(in, AvroInput::readName);
    List<Long> rowCounts = list(in, AvroInput::readLong);
    List<String> hashes = list(in, AvroInput::readString);
    return new BucketHashes(keyColumns, rowCounts, hashes);
  }

  private static ColumnHashes columnHashes(AvroInput in) throws IOException {
    List<String> keyColumns = list(in, AvroInput::readName);
    List<ColumnHash> hashes = list(in, FingerprintReader::columnHash);
    return new ColumnHashes(keyColumns, hashes);
  }

  private static ColumnHash columnHash(AvroInput in) throws IOException {
    String name = in.readName();
    String hash = in.readString();
    return new ColumnHash(name, hash);
  }
}
