package io.dualrun.ingest.parse;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dualrun.ingest.http.ApiException;
import io.dualrun.schemas.avro.OutputFingerprint;
import io.dualrun.schemas.avro.RunEvent;
import io.dualrun.schemas.inventory.Inventory;
import io.dualrun.schemas.json.AvroJson;
import io.dualrun.schemas.json.FieldError;
import io.dualrun.schemas.json.RecordRules;
import io.dualrun.schemas.json.ValidationException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * Reads the native JSON of {@code POST /v1/events} and {@code POST /v1/fingerprints}: one object or
 * an array of them. A batch is all-or-nothing: every problem of every element is reported (as
 * {@code [i].field}) and nothing is accepted when there is one.
 */
public final class NativeReader {
  private static final String PENDING_ID = "pending";
  private static final List<String> EVENT_TIMES =
      UtcMillis.timestampFields(RunEvent.getClassSchema());
  private static final List<String> FINGERPRINT_TIMES =
      UtcMillis.timestampFields(OutputFingerprint.getClassSchema());
  private final NativeRefs refs;
  private final int maxBatch;

  public NativeReader(Inventory inventory, int maxBatch) {
    this.refs = new NativeRefs(inventory);
    this.maxBatch = maxBatch;
  }

  /** The largest accepted batch. */
  public int maxBatch() {
    return maxBatch;
  }

  /**
   * Every run event of the document, or 400 naming every bad field. Reading rewrites top-level
   * fields of the document's objects in place (native references, derived ids, times): the document
   * is the request's own.
   */
  public List<RunEvent> events(JsonNode body) {
    return readAll(body, node -> event((ObjectNode) node));
  }

  /** Every fingerprint of the document, or 400 naming every bad field; rewrites as above. */
  public List<OutputFingerprint> fingerprints(JsonNode body) {
    return readAll(body, node -> fingerprint((ObjectNode) node));
  }

  private <T> List<T> readAll(JsonNode body, Function<JsonNode, T> reader) {
    boolean batch = body.isArray();
    if (batch && body.size() > maxBatch) {
      throw ApiException.of(
          413,
          "",
          "the batch holds "
              + body.size()
              + " records, more than the limit of "
              + maxBatch
              + " (ingest.max-batch); send smaller batches");
    }
    List<JsonNode> items = new ArrayList<>();
    if (batch) {
      body.forEach(items::add);
    } else {
      items.add(body);
    }
    List<T> records = new ArrayList<>(items.size());
    List<FieldError> errors = new ArrayList<>();
    for (int i = 0; i < items.size(); i++) {
      String prefix = batch ? "[" + i + "]" : "";
      JsonNode item = items.get(i);
      if (!item.isObject()) {
        errors.add(new FieldError(prefix, "expected a JSON object, got " + item.getNodeType()));
        continue;
      }
      try {
        records.add(reader.apply(item));
      } catch (ValidationException e) {
        e.errors().forEach(err -> errors.add(err.prefixed(prefix)));
      }
    }
    if (!errors.isEmpty()) {
      throw ApiException.badRequest(errors);
    }
    return records;
  }

  private RunEvent event(ObjectNode node) {
    List<FieldError> errors = new ArrayList<>(refs.resolve(node, true));
    if (!errors.isEmpty()) {
      throw new ValidationException(errors);
    }
    boolean derive = absent(node, "eventId");
    if (derive) {
      node.put("eventId", PENDING_ID);
    }
    UtcMillis.normalise(node, EVENT_TIMES);
    RunEvent event = read(node, RunEvent.class, errors);
    if (event != null) {
      errors.addAll(RecordRules.check(event));
      if (derive) {
        event.setEventId(EventIds.derive(event));
      }
    }
    return finish(event, errors);
  }

  private OutputFingerprint fingerprint(ObjectNode node) {
    List<FieldError> errors = new ArrayList<>(refs.resolve(node, false));
    if (!errors.isEmpty()) {
      throw new ValidationException(errors);
    }
    boolean derive = absent(node, "eventId");
    if (derive) {
      node.put("eventId", PENDING_ID);
    }
    UtcMillis.normalise(node, FINGERPRINT_TIMES);
    OutputFingerprint fingerprint = read(node, OutputFingerprint.class, errors);
    if (fingerprint != null) {
      errors.addAll(RecordRules.check(fingerprint));
      if (derive) {
        fingerprint.setEventId(EventIds.derive(fingerprint));
      }
    }
    return finish(fingerprint, errors);
  }

  private static boolean absent(ObjectNode node, String field) {
    return !node.hasNonNull(field);
  }

  private static <T extends org.apache.avro.specific.SpecificRecord> T read(
      ObjectNode node, Class<T> type, List<FieldError> errors) {
    try {
      return AvroJson.read(node, type);
    } catch (ValidationException e) {
      errors.addAll(e.errors());
      return null;
    }
  }

  private static <T> T finish(T record, List<FieldError> errors) {
    if (!errors.isEmpty()) {
      throw new ValidationException(errors);
    }
    return record;
  }
}
