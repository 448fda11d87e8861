package io.dualrun.containers;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.testcontainers.DockerClientFactory;

/**
 * The images' base when it is being built beside the build ({@code .ci/run} runs
 * docker/base/debootstrap.sh and then builds the example receiver's image in the background, and
 * names its log in DUALRUN_BASE_IMAGE_LOG, whose last line says how the job ended).
 */
final class BaseImage {
  private BaseImage() {}

  /**
   * When {@code log} names a background job building the images, waits until it ended and {@code
   * image} is on the engine.
   */
  static void awaitIfBuilding(String image, String log, Duration timeout)
      throws InterruptedException, IOException {
    if (log == null || log.isBlank()) {
      return;
    }
    long deadline = System.nanoTime() + timeout.toNanos();
    while (!ended(Path.of(log)) || !present(image)) {
      if (System.nanoTime() > deadline || ended(Path.of(log)) && !present(image)) {
        throw new IllegalStateException(
            "the base image "
                + image
                + " was not built (docker/base/debootstrap.sh); the end of "
                + log
                + ":\n"
                + tail(Path.of(log)));
      }
      Thread.sleep(2000);
    }
  }

  private static boolean present(String image) {
    try {
      DockerClientFactory.instance().client().inspectImageCmd(image).exec();
      return true;
    } catch (RuntimeException e) {
      return false;
    }
  }

  /** The background job ended (its last line says so). */
  private static boolean ended(Path log) throws IOException {
    return tail(log).contains("base image build exit ");
  }

  private static String tail(Path log) throws IOException {
    if (!Files.exists(log)) {
      return "(no log)";
    }
    List<String> lines = Files.readAllLines(log);
    return String.join("\n", lines.subList(Math.max(0, lines.size() - 20), lines.size()));
  }
}
