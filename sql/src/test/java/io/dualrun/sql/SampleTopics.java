package io.dualrun.sql;

import io.dualrun.platform.LocalPlatform;
import java.time.Duration;

/**
 * Starts a local broker and registry holding the sample records of {@link SampleRecords}, prints
 * where they are, and keeps them up (for trying {@code dualrun sql} by hand) until killed or until
 * the number of minutes given as the first argument (default 10) has passed.
 */
public final class SampleTopics {
  private SampleTopics() {}

  public static void main(String[] args) throws InterruptedException {
    long minutes = args.length > 0 ? Long.parseLong(args[0]) : 10;
    try (LocalPlatform platform = LocalPlatform.startEphemeral()) {
      SampleRecords.publish(platform.catalog(), platform.kafkaConfig());
      System.out.println(
          "--bootstrap-servers="
              + platform.bootstrapServers()
              + " --registry-url="
              + platform.registryUrl());
      System.out.flush();
      Thread.sleep(Duration.ofMinutes(minutes).toMillis());
    }
  }
}
