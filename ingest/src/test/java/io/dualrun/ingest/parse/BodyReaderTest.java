package io.dualrun.ingest.parse;

import static org.assertj.core.api.Assertions.assertThat;

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

  private static Parsed.Invalid<JsonNode> parseRefusal(String text) {
    Parsed<JsonNode> p = BodyReader.parse(utf8(text));
    assertThat(p).isInstanceOf(Parsed.Invalid.class);
    return (Parsed.Invalid<JsonNode>) p;
  }

  private static <T> T value(Parsed<T> p) {
    assertThat(p).isInstanceOf(Parsed.Ok.class);
    return ((Parsed.Ok<T>) p).value();
  }

  @Test
  void readsOneDocumentWithSurroundingWhiteSpace() {
    JsonNode node = value(BodyReader.parse(utf8("  [{\"a\":1}, {\"a\":2}]\n\n ")));

    assertThat(node.size()).isEqualTo(2);
    assertThat(node.get(1).path("a").asInt()).isEqualTo(2);
  }

  @Test
  void aSecondDocumentAfterTheFirstIsMalformed() {
    Parsed.Invalid<JsonNode> e = parseRefusal("{\"a\":1} {\"a\":2}");

    assertThat(e.errors().get(0).reason()).startsWith("malformed JSON at line 1");
  }

  @Test
  void aDeclaredLengthAboveTheLimitIsRefusedBeforeReading() throws IOException {
    InputStream unread =
        new InputStream() {
          @Override
          public int read() {
            throw new AssertionError("read although the declared length is too large");
          }
        };

    Parsed<byte[]> p = reader.read(unread, 65);

    assertThat(p).isInstanceOf(Parsed.TooLarge.class);
    assertThat(((Parsed.TooLarge<byte[]>) p).reason())
        .contains("(65 bytes)", "ingest.max-body-bytes");
  }

  @Test
  void anUndeclaredBodyAboveTheLimitIsTooLarge() throws IOException {
    Parsed<byte[]> p =
        reader.read(new ByteArrayInputStream(utf8("{\"a\":1}" + " ".repeat(80))), -1);

    assertThat(p).isInstanceOf(Parsed.TooLarge.class);
  }

  @Test
  void aBodyOfExactlyTheLimitIsRead() throws IOException {
    byte[] body = utf8("{\"a\":\"" + "x".repeat(54) + "\"}  ");
    assertThat(body).hasSize(64);

    assertThat(value(reader.read(new ByteArrayInputStream(body), -1))).isEqualTo(body);
  }

  @Test
  void emptyAndBlankBodiesAreNamedAsSuch() {
    assertThat(parseRefusal("").errors().get(0).reason()).contains("is empty");
    assertThat(parseRefusal("   \n").errors().get(0).reason()).contains("no JSON document");
  }
}
