package io.dualrun.service.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;

import io.dualrun.config.ConfigException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

class ServiceRunnerTest {
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();
  private final PrintStream errStream = new PrintStream(err, true, StandardCharsets.UTF_8);

  private int run(ServiceRunner.Starter starter, CountDownLatch stop) throws InterruptedException {
    return ServiceRunner.run("svc", starter, errStream, stop, false);
  }

  @Test
  void aBadConfigurationIsExitCode2WithTheMessage() throws Exception {
    int code =
        run(
            () -> {
              throw new ConfigException("svc.yaml: svc.port: 'x' is not a whole number");
            },
            new CountDownLatch(0));
    assertThat(code).isEqualTo(ServiceRunner.BAD_CONFIGURATION).isEqualTo(2);
    assertThat(err.toString(StandardCharsets.UTF_8))
        .isEqualTo("dualrun svc: svc.yaml: svc.port: 'x' is not a whole number\n");
  }

  @Test
  void aFailedStartIsExitCode1WithTheRootCause() throws Exception {
    int code =
        run(
            () -> {
              throw new IllegalStateException(
                  "cannot create topics", new IOException("Connection refused"));
            },
            new CountDownLatch(0));
    assertThat(code).isEqualTo(ServiceRunner.FAILED).isEqualTo(1);
    assertThat(err.toString(StandardCharsets.UTF_8))
        .contains("dualrun svc: cannot start: cannot create topics")
        .contains("Connection refused");
  }

  @Test
  void aStopRequestClosesTheServiceAndExitsWith0() throws Exception {
    AtomicBoolean closed = new AtomicBoolean();
    CountDownLatch stop = new CountDownLatch(1);
    Thread asker = new Thread(stop::countDown);
    asker.start();
    int code = run(() -> () -> closed.set(true), stop);
    assertThat(code).isEqualTo(ServiceRunner.STOPPED).isZero();
    assertThat(closed).isTrue();
  }
}
