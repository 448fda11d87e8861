package io.dualrun.reconciler.codec;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class NamesTest {
  private final Names names = new Names();

  @Test
  void theSameBytesGiveTheSameInstance() {
    byte[] a = "xxamountyy".getBytes(StandardCharsets.UTF_8);
    byte[] b = "amount".getBytes(StandardCharsets.UTF_8);
    String first = names.of(a, 2, 6);
    assertThat(first).isEqualTo("amount");
    assertThat(names.of(b, 0, b.length)).isSameAs(first);
  }

  @Test
  void decodesAsNewStringDoesWhateverTheBytes() {
    Random random = new Random(7);
    List<byte[]> seen = new ArrayList<>();
    for (int i = 0; i < 200_000; i++) {
      byte[] bytes;
      if (!seen.isEmpty() && random.nextInt(3) == 0) {
        bytes = seen.get(random.nextInt(seen.size()));
      } else {
        // many distinct short values (collisions in the table), some invalid UTF-8, some long
        bytes = new byte[random.nextInt(4) == 0 ? random.nextInt(100) : random.nextInt(5)];
        for (int j = 0; j < bytes.length; j++) {
          bytes[j] =
              (byte) (random.nextInt(8) == 0 ? random.nextInt(256) : 'a' + random.nextInt(3));
        }
        seen.add(bytes);
      }
      byte[] framed = new byte[bytes.length + 6];
      System.arraycopy(bytes, 0, framed, 3, bytes.length);
      assertThat(names.of(framed, 3, bytes.length))
          .isEqualTo(new String(bytes, StandardCharsets.UTF_8));
    }
  }

  @Test
  void aLongTextIsDecodedButNotKept() {
    byte[] bytes = "x".repeat(Names.MAX_BYTES + 1).getBytes(StandardCharsets.UTF_8);
    String first = names.of(bytes, 0, bytes.length);
    assertThat(first).hasSize(Names.MAX_BYTES + 1);
    assertThat(names.of(bytes, 0, bytes.length)).isEqualTo(first).isNotSameAs(first);
  }
}
