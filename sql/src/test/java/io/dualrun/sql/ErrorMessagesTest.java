package io.dualrun.sql;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import org.apache.flink.table.api.ValidationException;
import org.junit.jupiter.api.Test;

class ErrorMessagesTest {

  @Test
  void validationErrorsKeepTheirFirstLine() {
    RuntimeException e =
        new ValidationException("SQL validation failed. Object 'x' not found\nmore detail");
    assertThat(ErrorMessages.describe(e)).isEqualTo("SQL validation failed. Object 'x' not found");
  }

  @Test
  void otherFailuresReportTheRootCause() {
    RuntimeException e =
        new RuntimeException(
            "Job execution failed.",
            new IllegalStateException(
                "wrapped", new IOException("Failed to deserialize Avro record.")));
    assertThat(ErrorMessages.describe(e))
        .isEqualTo("query failed: IOException: Failed to deserialize Avro record.");
  }

  @Test
  void withNoShipJarsAClassTheClusterLacksIsNamedWithTheFix() {
    RuntimeException e =
        new RuntimeException(
            "Job execution failed.",
            new IllegalStateException(
                "Could not instantiate the source",
                new ClassNotFoundException("org.apache.flink.connector.kafka.source.KafkaSource")));
    SqlSettings shipped = SqlSettings.defaults().withFlink("jm:8081");
    assertThat(ErrorMessages.describe(e, shipped)).isEqualTo(ErrorMessages.describe(e));
    assertThat(ErrorMessages.describe(e, shipped.withShipJars(false)))
        .startsWith(
            "--no-ship-jars: the session cluster at jm:8081 cannot load"
                + " org.apache.flink.connector.kafka.source.KafkaSource; put the jars docs/sql.md"
                + " lists in its lib/, or drop --no-ship-jars (query failed:"
                + " ClassNotFoundException");
    assertThat(ErrorMessages.describe(e, SqlSettings.defaults().withShipJars(false)))
        .as("the embedded Flink has every jar")
        .isEqualTo(ErrorMessages.describe(e));
    assertThat(ErrorMessages.describe(new RuntimeException("boom"), shipped.withShipJars(false)))
        .isEqualTo("query failed: RuntimeException: boom");
  }
}
