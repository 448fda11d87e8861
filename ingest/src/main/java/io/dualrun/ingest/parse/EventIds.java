package io.dualrun.ingest.parse;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.JsonNodeFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dualrun.schemas.json.AvroJson;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import org.apache.avro.generic.IndexedRecord;

/**
 * Deterministic event ids: the SHA-256 (hex) of the canonical JSON form of a record without its
 * {@code eventId}. The canonical form is the record's schema-driven JSON ({@link AvroJson#write})
 * with object keys sorted and no white space, so a hook that retries the same event, in whatever
 * spelling, gets the same id and is never counted twice. A field added to a schema later is left
 * out while it holds its default ({@code expectedOutputs: []}, {@code inputs: []}, {@code
 * jobVersion: null}, {@code columnHashes: null}, {@code normalisation: null}), so a record keeps
 * the id it had before the field existed.
 */
public final class EventIds {
  private static final ObjectMapper SORTED =
      JsonMapper.builder().enable(JsonNodeFeature.WRITE_PROPERTIES_SORTED).build();
  private static final ThreadLocal<MessageDigest> SHA256 =
      ThreadLocal.withInitial(EventIds::newDigest);

  /** Fields added to the schemas later, left out of the id while empty. */
  private static final List<String> ADDED_LISTS = List.of("expectedOutputs", "inputs");

  /** Optional fields added to the schemas later, left out of the id while null. */
  private static final List<String> ADDED_OPTIONALS =
      List.of("jobVersion", "columnHashes", "normalisation");

  private EventIds() {}

  /** The id of {@code record}, ignoring whatever its eventId field holds. */
  public static String derive(IndexedRecord record) {
    ObjectNode json = AvroJson.write(record);
    json.remove("eventId");
    for (String added : ADDED_LISTS) {
      JsonNode list = json.get(added);
      if (list != null && list.isArray() && list.isEmpty()) {
        json.remove(added);
      }
    }
    for (String added : ADDED_OPTIONALS) {
      JsonNode value = json.get(added);
      if (value != null && value.isNull()) {
        json.remove(added);
      }
    }
    return sha256(canonical(json));
  }

  /** Keys sorted recursively (Jackson sorts every object's properties as it writes), compact. */
  public static String canonical(JsonNode node) {
    try {
      return SORTED.writeValueAsString(node);
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException("cannot write canonical JSON", e);
    }
  }

  public static String sha256(String text) {
    MessageDigest digest = SHA256.get();
    return HexFormat.of().formatHex(digest.digest(text.getBytes(StandardCharsets.UTF_8)));
  }

  private static MessageDigest newDigest() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is not available", e);
    }
  }
}
