package io.dualrun.ingest.sink;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class WriteTimeoutTest {
  @Test
  void ridesOutTwoSessionTimeoutsAndTenSecondsMore() {
    assertThat(WriteTimeout.forSession(Duration.ofSeconds(9))).isEqualTo(Duration.ofSeconds(28));
    assertThat(WriteTimeout.forSession(Duration.ofSeconds(30))).isEqualTo(Duration.ofSeconds(70));
    assertThat(WriteTimeout.forSession(WriteTimeout.KAFKA_DEFAULT_SESSION))
        .as("longer than the session timeout a failover waits for")
        .isGreaterThan(WriteTimeout.KAFKA_DEFAULT_SESSION.multipliedBy(2));
  }
}
