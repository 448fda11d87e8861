package io.dualrun.ingest.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class BodyReaderTest {
  private final BodyReader reader = new BodyReader(64);

  private static byte[] utf8(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }

  private static ApiException parseRefusal(String text) {
    return catchThrowableOfType(ApiException.class, () -> BodyReader.parse(utf8(text)));
  }

  @Test
  void readsOneDocumentWithSurroundingWhiteSpace() {
    JsonNode node = BodyReader.parse(utf8("  [{\"a\":1}, {\"a\":2}]\n\n "));

    assertThat(node.size()).isEqualTo(2);
    assertThat(node.get(1).path("a").asInt()).isEqualTo(2);
  }

  @Test
  void aSecondDocumentAfterTheFirstIsMalformed() {
    ApiException e = parseRefusal("{\"a\":1} {\"a\":2}");

    assertThat(e.status()).isEqualTo(400);
    assertThat(e.errors().get(0).reason()).startsWith("malformed JSON at line 1");
  }

  @Test
  void aDeclaredLengthAboveTheLimitIsRefusedBeforeReading() {
    InputStream unread =
        new InputStream() {
          @Override
          public int read() {
            throw new AssertionError("read although the declared length is too large");
          }
        };

    ApiException e = catchThrowableOfType(ApiException.class, () -> reader.read(unread, 65));

    assertThat(e.status()).isEqualTo(413);
    assertThat(e.errors().get(0).reason()).contains("(65 bytes)", "ingest.max-body-bytes");
  }

  @Test
  void anUndeclaredBodyAboveTheLimitIs413() {
    ApiException e =
        catchThrowableOfType(
            ApiException.class,
            () -> reader.read(new ByteArrayInputStream(utf8("{\"a\":1}" + " ".repeat(80))), -1));

    assertThat(e.status()).isEqualTo(413);
  }

  @Test
  void aBodyOfExactlyTheLimitIsRead() throws IOException {
    byte[] body = utf8("{\"a\":\"" + "x".repeat(54) + "\"}  ");
    assertThat(body).hasSize(64);

    assertThat(reader.read(new ByteArrayInputStream(body), -1)).isEqualTo(body);
  }

  @Test
  void emptyAndBlankBodiesAreNamedAsSuch() {
    assertThat(parseRefusal("").errors().get(0).reason()).contains("is empty");
    assertThat(parseRefusal("   \n").errors().get(0).reason()).contains("no JSON document");
  }
}
