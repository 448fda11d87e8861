package io.dualrun.cli;

/**
 * What {@code dualrun standalone} runs: the platform plus every service available. A new service is
 * plugged in here with {@code .service(name, platform -> ...)} and its routes with {@code
 * .routes(app -> ...)}.
 */
final class Standalones {
  private Standalones() {}

  static Standalone create(StandaloneConfig config) {
    return new Standalone(config);
  }
}
