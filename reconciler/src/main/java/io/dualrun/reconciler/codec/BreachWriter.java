package io.dualrun.reconciler.codec;

import static io.dualrun.reconciler.codec.AvroWrites.optionalInt;
import static io.dualrun.reconciler.codec.AvroWrites.optionalString;
import static io.dualrun.reconciler.codec.AvroWrites.optionalTime;
import static io.dualrun.reconciler.codec.AvroWrites.time;

import io.dualrun.schemas.avro.FreshnessBreach;
import java.io.IOException;
import org.apache.avro.io.Encoder;

/**
 * Writes a {@link FreshnessBreach} as Avro binary in the schema's field order: the bytes of Avro's
 * {@code SpecificDatumWriter} (checked by {@code AvroWritersPropertyTest}) without its reflection
 * (see {@link VerdictWriter}).
 */
public final class BreachWriter {
  private BreachWriter() {}

  public static void write(FreshnessBreach b, Encoder out) throws IOException {
    out.writeString(b.getBreachId());
    out.writeString(b.getWorkflow());
    out.writeString(b.getPartition());
    out.writeEnum(b.getKind().ordinal());
    out.writeEnum(b.getState().ordinal());
    out.writeEnum(b.getSide().ordinal());
    time(out, b.getDueTime());
    optionalTime(out, b.getReferenceTime());
    time(out, b.getObservedAt());
    out.writeBoolean(b.getInventoried());
    optionalString(out, b.getOwner());
    optionalInt(out, b.getTier());
    out.writeString(b.getDetail());
  }
}
