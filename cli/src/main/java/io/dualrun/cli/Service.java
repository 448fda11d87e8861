package io.dualrun.cli;

import io.dualrun.platform.LocalPlatform;
import io.dualrun.service.lifecycle.HostedService;

/**
 * A part of standalone mode started after the broker and registry (ingest, reconciler, alerting…):
 * the same {@link HostedService} the service is when run alone. Services are started in the order
 * they were added and closed in reverse order.
 */
@FunctionalInterface
public interface Service {
  /** Starts the service against the running platform. */
  HostedService start(LocalPlatform platform) throws Exception;
}
