package io.dualrun.reconciler.report;

import java.net.URI;
import picocli.CommandLine.Option;

/** Where a report reads from: {@code --url} and {@code --token}, shared by every report. */
final class ReconcilerOptions {
  static final String DEFAULT_URL = "http://127.0.0.1:7070";

  @Option(
      names = "--url",
      defaultValue = "${env:DUALRUN_URL:-" + DEFAULT_URL + "}",
      paramLabel = "URL",
      description =
          "Base URL of the reconciler's REST API (env DUALRUN_URL; default: ${DEFAULT-VALUE}).")
  URI url;

  @Option(
      names = "--token",
      defaultValue = "${env:DUALRUN_TOKEN}",
      description =
          "Bearer token with the reader or operator role, where reads are protected (env"
              + " DUALRUN_TOKEN).")
  String token;

  ReconcilerReader reader() {
    return new ReconcilerReader(url, token);
  }
}
