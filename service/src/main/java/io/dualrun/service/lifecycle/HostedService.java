package io.dualrun.service.lifecycle;

import io.dualrun.config.auth.Role;
import io.dualrun.service.probe.ReadinessCheck;
import io.javalin.Javalin;
import java.util.List;
import java.util.Map;

/**
 * A service as a {@link ServiceHost} runs it: its routes, the role each of its mutating paths
 * needs, what its {@code /ready} checks. A service run alone is hosted by itself; standalone hosts
 * ingest, the reconciler and alerting on one server, each the same object it would be alone.
 */
public interface HostedService extends AutoCloseable {
  /** The name in logs and in standalone's {@code /health}. */
  String name();

  /** The role each mutating path needs when it is not {@link Role#OPERATOR}. */
  default Map<String, Role> mutations() {
    return Map.of();
  }

  /**
   * Adds the service's routes ({@code /health}, {@code /ready} and {@code /metrics} are the
   * host's).
   */
  void routes(Javalin app);

  /** What {@code /ready} checks for this service; the host closes them when it stops. */
  List<ReadinessCheck> readiness();

  /** Called once the host listens, with the port it bound (the reconciler advertises it). */
  default void listening(int httpPort) {}

  /** What the service adds to {@code GET /health} (e.g. its state), besides {@code "status"}. */
  default Map<String, Object> health() {
    return Map.of();
  }

  /** Stops the service; the host has stopped serving HTTP before. */
  @Override
  void close();
}
