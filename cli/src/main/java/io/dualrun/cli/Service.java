package io.dualrun.cli;

import io.dualrun.platform.LocalPlatform;

/**
 * A part of standalone mode started after the broker and registry (ingest, reconciler, alerting…).
 * Services are started in the order they were added and closed in reverse order.
 */
@FunctionalInterface
public interface Service {
  /** Starts the service against the running platform; the result stops it. */
  AutoCloseable start(LocalPlatform platform) throws Exception;
}
