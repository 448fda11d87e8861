package io.dualrun.hooks.diff;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * The parts of a fingerprint (the JSON {@code dualrun fingerprint} prints, with or without its
 * identity fields) that a diff against one source uses: row count, content hash, columns,
 * normalisation and bucket hashes (docs/fingerprint.md).
 *
 * @param keyColumns the bucket key (empty when the fingerprint has no buckets)
 * @param bucketRows each bucket's row count (empty without buckets)
 * @param bucketHashes each bucket's hash (empty without buckets)
 * @param normalisation the rules the values were read under, as text; null for none
 */
public record FingerprintFile(
    Path file,
    long rowCount,
    long contentHash,
    List<String> columns,
    List<String> keyColumns,
    long[] bucketRows,
    long[] bucketHashes,
    String normalisation) {
  private static final ObjectMapper MAPPER = new ObjectMapper();

  public boolean hasBuckets() {
    return bucketRows.length > 0;
  }

  /** Reads {@code file}; fails naming the file and the field that is missing or malformed. */
  public static FingerprintFile read(Path file, String option) {
    JsonNode root;
    try {
      root = MAPPER.readTree(Files.readAllBytes(file));
    } catch (IOException e) {
      throw new IllegalArgumentException(
          option + ": " + file + " cannot be read as JSON: " + e.getMessage(), e);
    }
    Fields f = new Fields(file, option);
    if (root == null || !root.isObject()) {
      throw f.bad("", "is not a JSON object (a fingerprint as dualrun fingerprint prints it)");
    }
    long rows = f.number(root, "rowCount");
    long content = f.hash(root.get("contentHash"), "contentHash");
    List<String> columns = new ArrayList<>();
    JsonNode schema = f.array(root, "schema");
    for (int i = 0; i < schema.size(); i++) {
      JsonNode name = schema.get(i).get("name");
      if (name == null || !name.isTextual()) {
        throw f.bad("schema[" + i + "].name", "is missing or not text");
      }
      columns.add(name.asText());
    }
    JsonNode norm = root.get("normalisation");
    String normalisation = norm == null || norm.isNull() ? null : norm.asText();
    JsonNode buckets = root.get("buckets");
    if (buckets == null || buckets.isNull()) {
      return new FingerprintFile(
          file, rows, content, columns, List.of(), new long[0], new long[0], normalisation);
    }
    List<String> key = new ArrayList<>();
    f.array(buckets, "buckets.keyColumns").forEach(k -> key.add(k.asText()));
    JsonNode counts = f.array(buckets, "buckets.rowCounts");
    JsonNode hashes = f.array(buckets, "buckets.hashes");
    if (counts.size() != hashes.size() || counts.isEmpty()) {
      throw f.bad("buckets", "rowCounts and hashes must be as many, and not none (bucket count)");
    }
    long[] bucketRows = new long[counts.size()];
    long[] bucketHashes = new long[hashes.size()];
    for (int i = 0; i < counts.size(); i++) {
      if (!counts.get(i).canConvertToLong() || counts.get(i).asLong() < 0) {
        throw f.bad("buckets.rowCounts[" + i + "]", "is not a row count");
      }
      bucketRows[i] = counts.get(i).asLong();
      bucketHashes[i] = f.hash(hashes.get(i), "buckets.hashes[" + i + "]");
    }
    return new FingerprintFile(
        file, rows, content, columns, List.copyOf(key), bucketRows, bucketHashes, normalisation);
  }

  /** Field access that fails naming the file and the field. */
  private record Fields(Path file, String option) {
    IllegalArgumentException bad(String field, String why) {
      return new IllegalArgumentException(
          option + ": " + file + (field.isEmpty() ? "" : ": field " + field) + " " + why);
    }

    long number(JsonNode node, String field) {
      JsonNode n = node.get(field);
      if (n == null || !n.canConvertToLong() || n.asLong() < 0) {
        throw bad(field, "is missing or not a non-negative integer");
      }
      return n.asLong();
    }

    JsonNode array(JsonNode node, String path) {
      String field = path.substring(path.lastIndexOf('.') + 1);
      JsonNode n = node.get(field);
      if (n == null || !n.isArray()) {
        throw bad(path, "is missing or not an array");
      }
      return n;
    }

    long hash(JsonNode n, String field) {
      if (n == null || !n.isTextual() || n.asText().length() != 16) {
        throw bad(field, "is missing or not 16 hex digits");
      }
      try {
        return HexFormat.fromHexDigitsToLong(n.asText());
      } catch (IllegalArgumentException e) {
        throw bad(field, "is not 16 hex digits: '" + n.asText() + "'");
      }
    }
  }
}
