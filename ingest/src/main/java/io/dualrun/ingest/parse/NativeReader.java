package io.dualrun.ingest.parse;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dualrun.inventory.Inventory;
import io.dualrun.schemas.avro.OutputFingerprint;
import io.dualrun.schemas.avro.RunEvent;
import io.dualrun.schemas.json.AvroJson;
import io.dualrun.schemas.json.FieldError;
import io.dualrun.schemas.json.RecordRules;
import io.dualrun.schemas.json.ValidationException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiFunction;
import java.util.function.Function;
import org.apache.avro.specific.SpecificRecord;

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
  private static final Function<RunEvent, List<FieldError>> RECORD_RULES_EVENT = RecordRules::check;
  private static final Function<OutputFingerprint, List<FieldError>> RECORD_RULES_PRINT =
      RecordRules::check;
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
   * Every run event of the request body, or every problem (fields in error, a batch over the
   * limit). A well-formed body is read straight into records ({@link DirectReader}); any other goes
   * the full way ({@link #events(JsonNode)}), which gives the same records and names every problem.
   */
  public Parsed<List<RunEvent>> events(byte[] body) {
    List<RunEvent> direct = directEvents(body);
    return direct != null ? Parsed.ok(direct) : BodyReader.parse(body).flatMap(this::events);
  }

  /** Every fingerprint of the request body; as {@link #events(byte[])}. */
  public Parsed<List<OutputFingerprint>> fingerprints(byte[] body) {
    List<OutputFingerprint> direct = directFingerprints(body);
    return direct != null ? Parsed.ok(direct) : BodyReader.parse(body).flatMap(this::fingerprints);
  }

  /** The run events read directly, or {@code null} when the full reading must decide. */
  List<RunEvent> directEvents(byte[] body) {
    return DirectReader.read(
        body, maxBatch, p -> checked(DirectReader.record(p, RunEvent.class), RECORD_RULES_EVENT));
  }

  /** The fingerprints read directly, or {@code null} when the full reading must decide. */
  List<OutputFingerprint> directFingerprints(byte[] body) {
    return DirectReader.read(
        body,
        maxBatch,
        p -> checked(DirectReader.record(p, OutputFingerprint.class), RECORD_RULES_PRINT));
  }

  /**
   * A record read directly: the same steps as the full reading after it (an absent {@code eventId}
   * is derived; {@link RecordRules} apply); {@code null} (give up) on any rule broken.
   */
  private static <T extends SpecificRecord> T checked(
      T record, Function<T, List<FieldError>> rules) {
    if (record == null) {
      return null;
    }
    int eventId = record.getSchema().getField("eventId").pos();
    boolean derive = record.get(eventId) == null;
    if (derive) {
      record.put(eventId, PENDING_ID);
    }
    if (!rules.apply(record).isEmpty()) {
      return null;
    }
    if (derive) {
      record.put(eventId, EventIds.derive(record));
    }
    return record;
  }

  /**
   * Every run event of the document, or 400 naming every bad field. Reading rewrites top-level
   * fields of the document's objects in place (native references, derived ids, times): the document
   * is the request's own.
   */
  public Parsed<List<RunEvent>> events(JsonNode body) {
    return readAll(body, this::event);
  }

  /** Every fingerprint of the document, or every bad field; rewrites as above. */
  public Parsed<List<OutputFingerprint>> fingerprints(JsonNode body) {
    return readAll(body, this::fingerprint);
  }

  /**
   * Reads every element with {@code reader}, which adds what is wrong with an element to the list
   * it is given and answers the record, or {@code null} when it has none.
   */
  private <T> Parsed<List<T>> readAll(
      JsonNode body, BiFunction<ObjectNode, List<FieldError>, T> reader) {
    boolean batch = body.isArray();
    if (batch && body.size() > maxBatch) {
      return new Parsed.TooLarge<>(
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
      List<FieldError> itemErrors = new ArrayList<>();
      T record = reader.apply((ObjectNode) item, itemErrors);
      if (itemErrors.isEmpty()) {
        records.add(record);
      } else {
        itemErrors.forEach(err -> errors.add(err.prefixed(prefix)));
      }
    }
    return errors.isEmpty() ? Parsed.ok(records) : new Parsed.Invalid<>(errors);
  }

  private RunEvent event(ObjectNode node, List<FieldError> errors) {
    errors.addAll(refs.resolve(node, true));
    if (!errors.isEmpty()) {
      return null;
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
    } else {
      // the record could not be built: the value rules still say what else is wrong
      addNew(errors, RecordRules.check(partialEvent(node)));
    }
    return event;
  }

  private OutputFingerprint fingerprint(ObjectNode node, List<FieldError> errors) {
    errors.addAll(refs.resolve(node, false));
    if (!errors.isEmpty()) {
      return null;
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
    } else {
      addNew(errors, RecordRules.check(partialFingerprint(node)));
    }
    return fingerprint;
  }

  /** Adds the rule errors of fields no error names yet (a field is reported once). */
  private static void addNew(List<FieldError> errors, List<FieldError> more) {
    java.util.Set<String> named = new java.util.HashSet<>();
    errors.forEach(e -> named.add(e.field()));
    more.stream().filter(e -> !named.contains(e.field())).forEach(errors::add);
  }

  /** The fields the value rules look at, as far as they are readable; the rest left out. */
  private static RunEvent partialEvent(ObjectNode node) {
    RunEvent e = new RunEvent();
    e.setEventId(text(node, "eventId"));
    e.setWorkflow(text(node, "workflow"));
    e.setPartition(text(node, "partition"));
    e.setOrchestrator(text(node, "orchestrator"));
    e.setRunId(text(node, "runId"));
    e.setAttempt(node.path("attempt").isInt() ? node.path("attempt").intValue() : 1);
    return e;
  }

  private static OutputFingerprint partialFingerprint(ObjectNode node) {
    OutputFingerprint f = new OutputFingerprint();
    f.setEventId(text(node, "eventId"));
    f.setWorkflow(text(node, "workflow"));
    f.setPartition(text(node, "partition"));
    f.setRunId(text(node, "runId"));
    f.setOutput(text(node, "output"));
    f.setAttempt(node.path("attempt").isInt() ? node.path("attempt").intValue() : 1);
    f.setRowCount(node.path("rowCount").isIntegralNumber() ? node.path("rowCount").longValue() : 0);
    f.setContentHash(text(node, "contentHash"));
    f.setColumns(new ArrayList<>());
    f.setSchema$(new ArrayList<>());
    return f;
  }

  private static String text(ObjectNode node, String field) {
    JsonNode v = node.get(field);
    return v != null && v.isTextual() ? v.textValue() : null;
  }

  private static boolean absent(ObjectNode node, String field) {
    return !node.hasNonNull(field);
  }

  private static <T extends SpecificRecord> T read(
      ObjectNode node, Class<T> type, List<FieldError> errors) {
    try {
      return AvroJson.read(node, type);
    } catch (ValidationException e) {
      errors.addAll(e.errors());
      return null;
    }
  }
}
