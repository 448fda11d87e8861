package io.dualrun.platform;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Finds the unpacked Apicurio Registry distribution: system property {@value #PROPERTY}, then
 * environment variable {@value #ENV}, then {@value #RELATIVE} under the working directory or one of
 * its parents.
 */
public final class RegistryHome {
  public static final String PROPERTY = "dualrun.registry.home";
  public static final String ENV = "DUALRUN_REGISTRY_HOME";
  public static final String RELATIVE = "platform/target/apicurio-registry";
  private static final String RUNNER_SUFFIX = "-runner.jar";

  private RegistryHome() {}

  /** The distribution directory; fails with one line saying where it looked. */
  public static Path locate() {
    return locate(System.getProperty(PROPERTY), System.getenv(ENV), Path.of(""));
  }

  static Path locate(String property, String env, Path workingDir) {
    List<Path> candidates = new ArrayList<>();
    Optional.ofNullable(property)
        .filter(s -> !s.isBlank())
        .ifPresent(s -> candidates.add(Path.of(s)));
    Optional.ofNullable(env).filter(s -> !s.isBlank()).ifPresent(s -> candidates.add(Path.of(s)));
    for (Path dir = workingDir.toAbsolutePath(); dir != null; dir = dir.getParent()) {
      candidates.add(dir.resolve(RELATIVE));
    }
    for (Path candidate : candidates) {
      if (runnerJar(candidate).isPresent()) {
        return candidate.toAbsolutePath().normalize();
      }
    }
    throw new PlatformException(
        "Apicurio Registry distribution not found (looked in "
            + candidates
            + "); run ./mvnw -pl platform package, or set -D"
            + PROPERTY
            + " / "
            + ENV);
  }

  /** The {@code *-runner.jar} in {@code home}, if there is exactly one. */
  public static Optional<Path> runnerJar(Path home) {
    if (!Files.isDirectory(home)) {
      return Optional.empty();
    }
    try (Stream<Path> files = Files.list(home)) {
      List<Path> jars =
          files.filter(f -> f.getFileName().toString().endsWith(RUNNER_SUFFIX)).toList();
      return jars.size() == 1 ? Optional.of(jars.get(0)) : Optional.empty();
    } catch (IOException e) {
      return Optional.empty();
    }
  }
}
