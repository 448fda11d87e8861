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
}
