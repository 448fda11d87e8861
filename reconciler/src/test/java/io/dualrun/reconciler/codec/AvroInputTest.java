package io.dualrun.reconciler.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.apache.avro.AvroRuntimeException;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.EncoderFactory;
import org.junit.jupiter.api.Test;

class AvroInputTest {
  private static final Names NAMES = new Names();

  @Property(tries = 500)
  void readsAvrosVarints(@ForAll int i, @ForAll long l, @ForAll String s) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    BinaryEncoder e = EncoderFactory.get().directBinaryEncoder(out, null);
    e.writeInt(i);
    e.writeLong(l);
    e.writeString(s);
    e.writeString(s);
    e.flush();
    byte[] bytes = out.toByteArray();
    AvroInput in = new AvroInput(bytes, 0, bytes.length, NAMES);
    assertThat(in.readInt()).isEqualTo(i);
    assertThat(in.readLong()).isEqualTo(l);
    assertThat(in.readString()).isEqualTo(s);
    assertThat(in.readName()).isEqualTo(s);
    assertThat(in.isEnd()).isTrue();
  }

  @Test
  void refusesMalformedBytes() {
    assertThatThrownBy(() -> input(0x80, 0x80, 0x80, 0x80, 0x80, 0x01).readInt())
        .isInstanceOf(AvroRuntimeException.class)
        .hasMessage("Invalid int encoding");
    assertThatThrownBy(() -> input(0x01, 'a').readString())
        .isInstanceOf(AvroRuntimeException.class)
        .hasMessageContaining("Length is negative");
    assertThatThrownBy(() -> input(0x08, 'a', 'b').readString())
        .isInstanceOf(EOFException.class)
        .hasMessageContaining("string of 4 bytes, 2 bytes left");
    assertThatThrownBy(() -> input(0x80).readLong()).isInstanceOf(EOFException.class);
  }

  private static AvroInput input(int... values) {
    byte[] bytes = new byte[values.length];
    for (int i = 0; i < values.length; i++) {
      bytes[i] = (byte) values[i];
    }
    return new AvroInput(bytes, 0, bytes.length, NAMES);
  }
}
