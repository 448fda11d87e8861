package io.dualrun.reconciler.codec;

import static io.dualrun.reconciler.codec.AvroReads.list;
import static io.dualrun.reconciler.codec.AvroReads.optionalString;
import static io.dualrun.reconciler.codec.AvroReads.stringMap;
import static io.dualrun.reconciler.codec.AvroReads.symbol;
import static io.dualrun.reconciler.codec.AvroReads.time;

import io.dualrun.schemas.avro.RunEvent;
import io.dualrun.schemas.avro.RunStatus;
import io.dualrun.schemas.avro.Side;
import java.io.IOException;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * Reads a {@link RunEvent} written with its own schema, field by field in the schema's order: the
 * record Avro's {@code SpecificDatumReader} reads (checked by {@code InputReadersPropertyTest}),
 * without its per-field resolution, reflection and logical-type conversions. Records written with
 * any other schema go through the resolving reader ({@link InputDecoder}).
 */
public final class RunEventReader {
  private static final Side[] SIDES = Side.values();
  private static final RunStatus[] STATUSES = RunStatus.values();

  private RunEventReader() {}

  public static RunEvent read(AvroInput in) throws IOException {
    String eventId = in.readString();
    String workflow = in.readString();
    String partition = in.readString();
    Side side = symbol(in, SIDES);
    String orchestrator = in.readName();
    String runId = in.readString();
    int attempt = in.readInt();
    RunStatus status = symbol(in, STATUSES);
    Instant eventTime = time(in);
    String task = optionalString(in);
    String error = optionalString(in);
    String logUrl = optionalString(in);
    Map<String, String> attributes = stringMap(in);
    List<String> expectedOutputs = list(in, AvroInput::readString);
    List<String> inputs = list(in, AvroInput::readString);
    String jobVersion = optionalString(in);
    return new RunEvent(
        eventId,
        workflow,
        partition,
        side,
        orchestrator,
        runId,
        attempt,
        status,
        eventTime,
        task,
        error,
        logUrl,
        attributes,
        expectedOutputs,
        inputs,
        jobVersion);
  }
}
