package io.dualrun.cli;

import io.dualrun.platform.Ports;
import java.nio.file.Path;
import java.util.Objects;

/**
 * Configuration of standalone mode: every part on one machine, data under one directory.
 *
 * @param dataDir where broker and registry keep their data (reused by the next start)
 * @param kafkaPort Kafka client port on 127.0.0.1 (0: free)
 * @param controllerPort KRaft controller port on 127.0.0.1 (0: free)
 * @param registryPort schema registry port on 127.0.0.1 (0: free)
 * @param httpHost address the HTTP API binds to
 * @param httpPort HTTP API port (0: free)
 */
public record StandaloneConfig(
    Path dataDir,
    int kafkaPort,
    int controllerPort,
    int registryPort,
    String httpHost,
    int httpPort) {

  public static final int DEFAULT_KAFKA_PORT = 9092;
  public static final int DEFAULT_REGISTRY_PORT = 8081;
  public static final int DEFAULT_HTTP_PORT = 7070;

  public StandaloneConfig {
    Objects.requireNonNull(dataDir, "data-dir must be set");
    dataDir = dataDir.toAbsolutePath().normalize();
    Ports.validate("kafka-port", kafkaPort);
    Ports.validate("controller-port", controllerPort);
    Ports.validate("registry-port", registryPort);
    Ports.validate("http-port", httpPort);
    if (httpHost == null || httpHost.isBlank()) {
      throw new IllegalArgumentException("http-host must not be empty");
    }
    int[] ports = {kafkaPort, controllerPort, registryPort, httpPort};
    String[] keys = {"kafka-port", "controller-port", "registry-port", "http-port"};
    for (int i = 0; i < ports.length; i++) {
      for (int j = i + 1; j < ports.length; j++) {
        if (ports[i] != 0 && ports[i] == ports[j]) {
          throw new IllegalArgumentException(
              keys[i] + " and " + keys[j] + " must differ, both are " + ports[i]);
        }
      }
    }
  }

  /** Free ports everywhere (tests). */
  public static StandaloneConfig onFreePorts(Path dataDir) {
    return new StandaloneConfig(dataDir, 0, 0, 0, Ports.LOOPBACK, 0);
  }
}
