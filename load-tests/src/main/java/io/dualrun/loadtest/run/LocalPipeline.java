package io.dualrun.loadtest.run;

import io.dualrun.alerting.AlertingConfig;
import io.dualrun.alerting.AlertingService;
import io.dualrun.config.ConfigMap;
import io.dualrun.ingest.IngestConfig;
import io.dualrun.ingest.IngestServer;
import io.dualrun.ingest.IngestService;
import io.dualrun.loadtest.oracle.AlertReceiver;
import io.dualrun.loadtest.sink.IngestHttpSink;
import io.dualrun.platform.LocalPlatform;
import io.dualrun.reconciler.ReconcilerMain;
import io.dualrun.reconciler.ReconcilerService;
import io.dualrun.service.lifecycle.ServiceHost;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;

/**
 * Every service against one {@link LocalPlatform}: ingest (its own HTTP server), alerting
 * (delivering to an {@link AlertReceiver}) in this JVM or as instances in child JVMs, and
 * reconcilers, in this JVM or in child JVMs. Closing stops everything it started, in reverse order.
 */
public final class LocalPipeline implements AutoCloseable {
  private final LocalPlatform platform;
  private final PipelineOptions options;
  private final AlertReceiver receiver;
  private ServiceHost ingest;
  private int ingestPort;
  private AlertingService alerting;
  private final List<ServiceHost> reconcilers = new ArrayList<>();
  private final List<ChildService> children = new ArrayList<>();

  private LocalPipeline(LocalPlatform platform, PipelineOptions options, AlertReceiver receiver) {
    this.platform = platform;
    this.options = options;
    this.receiver = receiver;
  }

  /** Starts ingest and alerting in this JVM; reconcilers are started separately. */
  public static LocalPipeline start(LocalPlatform platform, PipelineOptions options) {
    return start(platform, options, true);
  }

  /**
   * Starts ingest, and alerting in this JVM when {@code alerting}; otherwise alerting instances are
   * started separately ({@link #startChildAlerting}), as are reconcilers.
   */
  public static LocalPipeline start(
      LocalPlatform platform, PipelineOptions options, boolean alerting) {
    LocalPipeline p = new LocalPipeline(platform, options, AlertReceiver.start());
    try {
      p.ingest =
          IngestServer.start(
              IngestService.start(
                  IngestConfig.from(ConfigMap.load(ConfigFiles.ingest(platform, options)))));
      p.ingestPort = p.ingest.port();
      if (alerting) {
        p.alerting =
            AlertingService.start(
                AlertingConfig.load(ConfigFiles.alerting(platform, options, p.receiver.url())));
      }
      return p;
    } catch (RuntimeException e) {
      p.close();
      throw e;
    }
  }

  /** A reconciler instance in this JVM, with its own REST server. */
  public synchronized void startReconciler(String instance) {
    reconcilers.add(
        ReconcilerService.run(
            ReconcilerMain.load(ConfigFiles.reconciler(platform, options, instance))));
  }

  /** A reconciler instance in a child JVM (same application id: instances share the work). */
  public synchronized ChildReconciler startChildReconciler(String instance) {
    return startChildReconciler(instance, 0);
  }

  /**
   * A reconciler instance in a child JVM whose REST API listens on {@code httpPort} (0: any free
   * port), so that it can be polled across a kill and restart.
   */
  public synchronized ChildReconciler startChildReconciler(String instance, int httpPort) {
    ChildReconciler c =
        new ChildReconciler(
            ConfigFiles.reconciler(platform, options, instance, httpPort),
            options.workDir().resolve("reconciler-" + instance + ".log"),
            httpPort);
    children.add(c);
    return c.start();
  }

  /**
   * An alerting instance in a child JVM whose HTTP API listens on {@code httpPort}; instances share
   * one application id (they share the alert fold and delivery).
   */
  public synchronized ChildAlerting startChildAlerting(String instance, int httpPort) {
    String name = "alerting-" + instance;
    ChildAlerting c =
        new ChildAlerting(
            instance,
            ConfigFiles.alerting(platform, options, receiver.url(), name, httpPort),
            options.workDir().resolve(name + ".log"),
            httpPort);
    children.add(c);
    return c.start();
  }

  public IngestHttpSink ingestSink(int batchSize, int garbageEvery) {
    return new IngestHttpSink(ingestUrl(), ConfigFiles.TOKEN, batchSize, garbageEvery);
  }

  public URI ingestUrl() {
    return URI.create("http://127.0.0.1:" + ingestPort);
  }

  public String token() {
    return ConfigFiles.TOKEN;
  }

  public AlertReceiver receiver() {
    return receiver;
  }

  public LocalPlatform platform() {
    return platform;
  }

  /** Alerting's alerts topic (decided alert versions, before delivery). */
  public String alertsTopic() {
    return options.idPrefix() + "-alerting.alerts";
  }

  @Override
  public synchronized void close() {
    List<AutoCloseable> steps = new ArrayList<>();
    children.forEach(steps::add);
    steps.addAll(reconcilers);
    if (alerting != null) {
      steps.add(alerting);
    }
    if (ingest != null) {
      steps.add(ingest);
    }
    steps.add(receiver);
    RuntimeException failure = null;
    for (AutoCloseable step : steps) {
      try {
        step.close();
      } catch (Exception e) {
        if (failure == null) {
          failure = new IllegalStateException("stopping the pipeline failed: " + e.getMessage(), e);
        } else {
          failure.addSuppressed(e);
        }
      }
    }
    if (failure != null) {
      throw failure;
    }
  }
}
