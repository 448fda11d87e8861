package io.dualrun.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.apache.avro.Schema;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CachingSchemaRegistryTest {
  @TempDir Path dir;
  final FakeRegistry registry = new FakeRegistry();
  final Schema a = Schemas.record("A", "x");
  final Schema b = Schemas.record("B", "x");

  CachingSchemaRegistry caching() {
    return new CachingSchemaRegistry(registry, SchemaCache.open(dir, "http://r"));
  }

  @Test
  void aSchemaReadOnceIsReadFromTheCacheEvenAfterARestartWhileTheRegistryIsDown() {
    int id = registry.register("t-value", a);
    assertThat(caching().byId(id)).isEqualTo(a);
    registry.down = true;
    assertThat(caching().byId(id)).isEqualTo(a);
  }

  @Test
  void registrationsAreAnsweredFromTheCacheOnlyWhenTheRegistryIsDown() {
    int id = caching().register("t-value", a);
    registry.down = true;
    assertThat(caching().register("t-value", a)).isEqualTo(id);
    assertThat(caching().lookup("t-value", a)).isEqualTo(id);
    assertThatThrownBy(() -> caching().register("t-value", b))
        .isInstanceOfSatisfying(RegistryException.class, e -> assertThat(e.isTransient()).isTrue());
  }

  @Test
  void theRegistrysAnswerWinsOverTheCache() {
    CachingSchemaRegistry caching = caching();
    caching.register("t-value", a);
    registry.ids.put("t-value/" + a, 42);
    registry.byId.put(42, a);
    assertThat(caching.register("t-value", a)).isEqualTo(42);
    registry.down = true;
    assertThat(caching().register("t-value", a)).isEqualTo(42);
  }

  @Test
  void aFinalAnswerIsNeverReplacedByTheCache() {
    caching().register("t-value", a);
    registry.ids.clear();
    assertThatThrownBy(() -> caching().lookup("t-value", a))
        .isInstanceOfSatisfying(
            RegistryException.class, e -> assertThat(e.status()).isEqualTo(404));
  }
}
