package io.dualrun.cli;

import picocli.CommandLine;

/** The version from the jar manifest, or "development" when run from classes. */
final class Version implements CommandLine.IVersionProvider {
  @Override
  public String[] getVersion() {
    String version = Dualrun.class.getPackage().getImplementationVersion();
    return new String[] {"dualrun " + (version == null ? "development" : version)};
  }
}
