package io.dualrun.hooks.host;

import picocli.CommandLine.Option;

/** Where a long-running command serves {@code /health}, {@code /ready} and {@code /metrics}. */
public final class HttpOptions {
  @Option(
      names = "--http-host",
      defaultValue = "0.0.0.0",
      description = "Where /health, /ready and /metrics listen (default: ${DEFAULT-VALUE}).")
  String host;

  @Option(
      names = "--http-port",
      defaultValue = "0",
      description = "Their port (default: 0, a free one, printed at start).")
  int port;

  public String host() {
    return host;
  }

  public int port() {
    return port;
  }
}
