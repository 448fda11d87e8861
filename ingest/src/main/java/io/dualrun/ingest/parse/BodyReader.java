package io.dualrun.ingest.parse;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;

/**
 * Reads a request body within the size limit and parses it as one JSON document. Anything after the
 * document but white space is refused: two documents sent one after the other would otherwise be
 * answered as if the first were all.
 */
public final class BodyReader {
  private static final ObjectMapper MAPPER =
      new ObjectMapper().enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
  private final long maxBytes;

  public BodyReader(long maxBytes) {
    this.maxBytes = maxBytes;
  }

  /**
   * The body's bytes, or {@link Parsed.TooLarge} when the body is larger than the limit (before
   * reading it when the declared length says so).
   *
   * @param declaredLength Content-Length, or -1 when not given (chunked)
   * @throws IOException when the body cannot be read at all (the connection broke)
   */
  public Parsed<byte[]> read(InputStream in, long declaredLength) throws IOException {
    if (declaredLength > maxBytes) {
      return tooLarge(declaredLength);
    }
    byte[] bytes = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8L, maxBytes + 1));
    if (bytes.length > maxBytes) {
      return tooLarge(-1);
    }
    return Parsed.ok(bytes);
  }

  /** The JSON document in {@code body}, or why there is none or where it is malformed. */
  public static Parsed<JsonNode> parse(byte[] body) {
    if (body.length == 0) {
      return Parsed.invalid("", "the request body is empty; expected a JSON object or array");
    }
    try {
      JsonNode node = MAPPER.readTree(body);
      if (node == null || node.isMissingNode()) {
        return Parsed.invalid("", "the request body holds no JSON document");
      }
      return Parsed.ok(node);
    } catch (JsonProcessingException e) {
      String where =
          e.getLocation() == null
              ? ""
              : " at line "
                  + e.getLocation().getLineNr()
                  + " column "
                  + e.getLocation().getColumnNr();
      return Parsed.invalid("", "malformed JSON" + where + ": " + e.getOriginalMessage());
    } catch (IOException e) {
      return Parsed.invalid("", "cannot read the request body: " + e.getMessage());
    }
  }

  private <T> Parsed<T> tooLarge(long length) {
    return new Parsed.TooLarge<>(
        "the request body"
            + (length >= 0 ? " (" + length + " bytes)" : "")
            + " is larger than the limit of "
            + maxBytes
            + " bytes (ingest.max-body-bytes); send smaller batches");
  }
}
