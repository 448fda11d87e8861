package io.dualrun.registry;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.avro.Schema;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SchemaCacheTest {
  @TempDir Path dir;
  final Schema a = Schemas.record("A", "x");
  final Schema b = Schemas.record("B", "x", "y");

  @Test
  void whatWasPutIsReadBackByANewCacheOnTheSameDirectory() {
    SchemaCache first = SchemaCache.open(dir, "http://registry:8081");
    first.putId("t-value", a, 7);
    first.putSchema(9, b);

    SchemaCache second = SchemaCache.open(dir, "http://registry:8081");
    assertThat(second.schema(7)).contains(a);
    assertThat(second.schema(9)).contains(b);
    assertThat(second.id("t-value", a)).contains(7);
    assertThat(second.id("t-value", b)).isEmpty();
    assertThat(second.id("other-value", a)).isEmpty();
    assertThat(second.schema(8)).isEmpty();
  }

  @Test
  void anotherRegistryHasACacheOfItsOwn() {
    SchemaCache.open(dir, "http://registry-1:8081").putId("t-value", a, 7);
    SchemaCache other = SchemaCache.open(dir, "http://registry-2:8081");
    assertThat(other.schema(7)).isEmpty();
    assertThat(other.id("t-value", a)).isEmpty();
  }

  @Test
  void aDamagedEntryCountsAsAbsent() throws Exception {
    SchemaCache cache = SchemaCache.open(dir, "http://registry:8081");
    cache.putId("t-value", a, 7);
    Files.writeString(cache.root().resolve("ids").resolve("7.avsc"), "{not json");
    try (var files = Files.walk(cache.root().resolve("subjects"))) {
      for (Path f : files.filter(Files::isRegularFile).toList()) {
        Files.writeString(f, "seven");
      }
    }
    SchemaCache reopened = SchemaCache.open(dir, "http://registry:8081");
    assertThat(reopened.schema(7)).isEmpty();
    assertThat(reopened.id("t-value", a)).isEmpty();
  }

  @Test
  void leavesNoTemporaryFilesBehind() throws Exception {
    SchemaCache cache = SchemaCache.open(dir, "http://registry:8081");
    cache.putId("t-value", a, 7);
    cache.putId("t-value", a, 8);
    assertThat(cache.id("t-value", a)).contains(8);
    try (var files = Files.walk(dir)) {
      assertThat(files.filter(f -> f.getFileName().toString().endsWith(".tmp"))).isEmpty();
    }
  }
}
