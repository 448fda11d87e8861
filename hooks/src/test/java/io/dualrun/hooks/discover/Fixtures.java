package io.dualrun.hooks.discover;

import java.net.URISyntaxException;
import java.nio.file.Path;

final class Fixtures {
  private Fixtures() {}

  static Path path(String name) {
    try {
      return Path.of(Fixtures.class.getResource("/discover/" + name).toURI());
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  static DiscoveredJob job(java.util.List<DiscoveredJob> jobs, String id) {
    return jobs.stream()
        .filter(j -> j.job().equals(id))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no job " + id + " in " + jobs));
  }
}
