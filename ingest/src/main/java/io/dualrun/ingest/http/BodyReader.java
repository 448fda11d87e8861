package io.dualrun.ingest.http;

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
   * The body's bytes.
   *
   * @param declaredLength Content-Length, or -1 when not given (chunked)
   * @throws ApiException 413 when the body is larger than the limit (before reading it when the
   *     declared length says so)
   */
  public byte[] read(InputStream in, long declaredLength) throws IOException {
    if (declaredLength > maxBytes) {
      throw tooLarge(declaredLength);
    }
    byte[] bytes = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8L, maxBytes + 1));
    if (bytes.length > maxBytes) {
      throw tooLarge(-1);
    }
    return bytes;
  }

  /**
   * The JSON document in {@code body}, or 400 saying why there is none or where it is malformed.
   */
  public static JsonNode parse(byte[] body) {
    if (body.length == 0) {
      throw ApiException.of(400, "", "the request body is empty; expected a JSON object or array");
    }
    try {
      JsonNode node = MAPPER.readTree(body);
      if (node == null || node.isMissingNode()) {
        throw ApiException.of(400, "", "the request body holds no JSON document");
      }
      return node;
    } catch (JsonProcessingException e) {
      String where =
          e.getLocation() == null
              ? ""
              : " at line "
                  + e.getLocation().getLineNr()
                  + " column "
                  + e.getLocation().getColumnNr();
      throw ApiException.of(400, "", "malformed JSON" + where + ": " + e.getOriginalMessage());
    } catch (IOException e) {
      throw ApiException.of(400, "", "cannot read the request body: " + e.getMessage());
    }
  }

  private ApiException tooLarge(long length) {
    return ApiException.of(
        413,
        "",
        "the request body"
            + (length >= 0 ? " (" + length + " bytes)" : "")
            + " is larger than the limit of "
            + maxBytes
            + " bytes (ingest.max-body-bytes); send smaller batches");
  }
}
