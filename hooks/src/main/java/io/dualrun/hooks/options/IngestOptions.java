package io.dualrun.hooks.options;

import java.net.URI;
import picocli.CommandLine.Option;

/** Where a hook sends what it reports: ingest's URL and the bearer token, shared by every hook. */
public final class IngestOptions {
  @Option(
      names = "--url",
      defaultValue = "${env:DUALRUN_URL:-${env:DUALRUN_INGEST_URL:-http://127.0.0.1:7070}}",
      description = "Ingest URL (env DUALRUN_URL; default ${DEFAULT-VALUE}).")
  URI url;

  @Option(
      names = "--token",
      defaultValue = "${env:DUALRUN_TOKEN:-${env:DUALRUN_INGEST_TOKEN}}",
      description = "Bearer token with the source role (env DUALRUN_TOKEN).")
  String token;

  public URI url() {
    return url;
  }

  public String token() {
    return token;
  }
}
