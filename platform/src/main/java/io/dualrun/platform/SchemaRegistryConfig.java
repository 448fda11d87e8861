package io.dualrun.platform;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;

/**
 * Configuration of the local schema registry (Apicurio Registry, Confluent-compatible API).
 *
 * @param home unpacked distribution (see {@link RegistryHome})
 * @param workDir where the registry's output log goes, and its H2 files when {@code persistent}
 * @param persistent file-backed storage in {@code workDir} (schema ids survive a restart) instead
 *     of in-memory
 * @param port HTTP port on 127.0.0.1 (0: a free port)
 * @param java java executable (17 or newer) running the registry
 * @param heap child JVM heap, e.g. {@code 256m}
 * @param startTimeout how long {@link SchemaRegistryServer#start()} waits for the API to answer
 */
public record SchemaRegistryConfig(
    Path home,
    Path workDir,
    boolean persistent,
    int port,
    Path java,
    String heap,
    Duration startTimeout) {

  public static final String DEFAULT_HEAP = "256m";
  public static final Duration DEFAULT_START_TIMEOUT = Duration.ofSeconds(120);

  public SchemaRegistryConfig {
    Objects.requireNonNull(home, "registry.home must be set");
    Objects.requireNonNull(workDir, "registry.work-dir must be set");
    home = home.toAbsolutePath().normalize();
    workDir = workDir.toAbsolutePath().normalize();
    Ports.validate("registry.port", port);
    java = java == null ? JavaRuntime.currentJava() : java;
    heap = Heap.validate("registry.heap", heap == null ? DEFAULT_HEAP : heap);
    startTimeout = startTimeout == null ? DEFAULT_START_TIMEOUT : startTimeout;
    if (startTimeout.isNegative() || startTimeout.isZero()) {
      throw new IllegalArgumentException(
          "registry.start-timeout must be positive, was " + startTimeout);
    }
  }

  /** A file-backed registry under {@code dataDir} on a free port, distribution located. */
  public static SchemaRegistryConfig persistent(Path dataDir) {
    return new SchemaRegistryConfig(RegistryHome.locate(), dataDir, true, 0, null, null, null);
  }

  /** An in-memory registry logging to {@code workDir}, on a free port. */
  public static SchemaRegistryConfig inMemory(Path workDir) {
    return new SchemaRegistryConfig(RegistryHome.locate(), workDir, false, 0, null, null, null);
  }

  public SchemaRegistryConfig withPort(int newPort) {
    return new SchemaRegistryConfig(home, workDir, persistent, newPort, java, heap, startTimeout);
  }

  public SchemaRegistryConfig withJava(Path newJava) {
    return new SchemaRegistryConfig(home, workDir, persistent, port, newJava, heap, startTimeout);
  }

  /** Fails with one line when the java executable cannot be run. */
  void requireJava() {
    if (!Files.isRegularFile(java) || !Files.isExecutable(java)) {
      throw new PlatformException(
          "schema registry: no Java runtime at "
              + java
              + " (registry.java); the registry needs Java 17 or newer");
    }
  }
}
