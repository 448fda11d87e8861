package io.dualrun.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dualrun.registry.CachingSchemaRegistry;
import io.dualrun.registry.RegistryException;
import io.dualrun.registry.RetryingSchemaRegistry;
import io.dualrun.registry.SchemaCache;
import io.dualrun.registry.SchemaRegistry;
import io.dualrun.schemas.avro.OutputFingerprint;
import io.dualrun.schemas.avro.RunEvent;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The registry down and back, against the real registry: its outage is told from a final answer,
 * what a service learnt is still known to it after a restart during the outage, and a call that
 * needs the registry waits until it is back.
 */
class RegistryOutageIT {
  @TempDir Path dataDir;
  @TempDir Path cacheDir;

  @Test
  void aServiceKeepsWorkingFromItsCacheAndWaitsOutWhatItNeverSaw() throws Exception {
    try (LocalPlatform platform = LocalPlatform.start(LocalPlatformConfig.in(dataDir))) {
      String url = platform.registryUrl();
      SchemaRegistry plain = SchemaRegistry.connect(platform.registrySettings());
      int eventsId = cached(platform, url).register("events-value", RunEvent.getClassSchema());
      int printsId = plain.register("prints-value", OutputFingerprint.getClassSchema());

      assertThatThrownBy(() -> plain.byId(987_654))
          .as("an unknown id is a final answer")
          .isInstanceOfSatisfying(
              RegistryException.class, e -> assertThat(e.isTransient()).isFalse());

      platform.registry().stop();
      SchemaRegistry fresh = SchemaRegistry.connect(platform.registrySettings());
      assertThatThrownBy(() -> fresh.byId(printsId))
          .as("no answer is an outage")
          .isInstanceOfSatisfying(
              RegistryException.class,
              e -> {
                assertThat(e.isTransient()).isTrue();
                assertThat(e.status()).isZero();
              });

      SchemaRegistry restarted = cached(platform, url);
      assertThat(restarted.register("events-value", RunEvent.getClassSchema()))
          .as("a registration made before the outage, after a restart during it")
          .isEqualTo(eventsId);
      assertThat(restarted.byId(eventsId)).isEqualTo(RunEvent.getClassSchema());

      List<String> heard = new CopyOnWriteArrayList<>();
      SchemaRegistry waiting =
          new RetryingSchemaRegistry(
              restarted,
              new RetryingSchemaRegistry.Backoff(
                  Duration.ofMillis(200), Duration.ofSeconds(1), Duration.ofMinutes(2)),
              new RetryingSchemaRegistry.Listener() {
                @Override
                public void waiting(
                    String what, RegistryException failure, Duration so, Duration pause) {
                  heard.add("waiting");
                }

                @Override
                public void recovered(String what, Duration waited) {
                  heard.add("recovered");
                }
              });
      CompletableFuture<org.apache.avro.Schema> fetched =
          CompletableFuture.supplyAsync(() -> waiting.byId(printsId));
      Thread.sleep(2_000);
      assertThat(fetched).as("still waiting for the registry").isNotDone();
      platform.registry().start();
      assertThat(fetched.get(2, TimeUnit.MINUTES)).isEqualTo(OutputFingerprint.getClassSchema());
      assertThat(heard).contains("waiting").endsWith("recovered");
    }
  }

  private SchemaRegistry cached(LocalPlatform platform, String url) {
    return new CachingSchemaRegistry(
        SchemaRegistry.connect(platform.registrySettings()), SchemaCache.open(cacheDir, url));
  }
}
