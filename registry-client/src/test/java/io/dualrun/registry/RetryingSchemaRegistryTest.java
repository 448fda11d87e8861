package io.dualrun.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.avro.Schema;
import org.junit.jupiter.api.Test;

class RetryingSchemaRegistryTest {
  final FakeRegistry registry = new FakeRegistry();
  final Schema a = Schemas.record("A", "x");
  final List<Duration> sleeps = new ArrayList<>();
  final List<String> heard = new ArrayList<>();
  long now;

  final RetryingSchemaRegistry.Clock clock =
      new RetryingSchemaRegistry.Clock() {
        @Override
        public long nanoTime() {
          return now;
        }

        @Override
        public void sleep(Duration d) {
          sleeps.add(d);
          now += d.toNanos();
        }
      };

  final RetryingSchemaRegistry.Listener listener =
      new RetryingSchemaRegistry.Listener() {
        @Override
        public void waiting(String what, RegistryException f, Duration so, Duration pause) {
          heard.add("waiting " + what + " after " + so.toMillis() + "ms");
        }

        @Override
        public void recovered(String what, Duration waited) {
          heard.add("recovered " + what + " after " + waited.toMillis() + "ms");
        }
      };

  RetryingSchemaRegistry retrying(Duration maxWait) {
    return new RetryingSchemaRegistry(
        registry,
        new RetryingSchemaRegistry.Backoff(Duration.ofMillis(100), Duration.ofMillis(400), maxWait),
        listener,
        clock);
  }

  @Test
  void waitsOutAnOutageWithGrowingPauses() {
    int id = registry.register("t-value", a);
    registry.failuresLeft = 4;
    assertThat(retrying(Duration.ofMinutes(1)).byId(id)).isEqualTo(a);
    assertThat(sleeps)
        .containsExactly(
            Duration.ofMillis(100),
            Duration.ofMillis(200),
            Duration.ofMillis(400),
            Duration.ofMillis(400));
    assertThat(heard).hasSize(5);
    assertThat(heard.get(4)).isEqualTo("recovered fetch schema id 1 after 1100ms");
  }

  @Test
  void givesUpAfterMaxWaitWithTheLastFailure() {
    registry.down = true;
    assertThatThrownBy(() -> retrying(Duration.ofSeconds(1)).register("t-value", a))
        .isInstanceOfSatisfying(RegistryException.class, e -> assertThat(e.isTransient()).isTrue());
    long slept = sleeps.stream().mapToLong(Duration::toMillis).sum();
    assertThat(slept).isLessThanOrEqualTo(1000).isGreaterThanOrEqualTo(600);
  }

  @Test
  void aFinalAnswerIsThrownAtOnce() {
    assertThatThrownBy(() -> retrying(Duration.ofMinutes(1)).byId(99))
        .isInstanceOfSatisfying(
            RegistryException.class, e -> assertThat(e.status()).isEqualTo(404));
    assertThat(sleeps).isEmpty();
    assertThat(registry.calls).isEqualTo(1);
  }
}
