package io.dualrun.hooks.host;

import io.dualrun.config.auth.AccessPolicy;
import io.dualrun.service.lifecycle.HostedService;
import io.dualrun.service.lifecycle.ServiceHost;
import io.dualrun.service.metrics.ServiceMetrics;
import io.dualrun.service.probe.KafkaWritable;
import io.dualrun.service.probe.ReadinessCheck;
import io.dualrun.service.probe.RegistryReachable;
import io.dualrun.service.probe.StandardChecks;
import io.javalin.Javalin;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * A worker that reads and writes Kafka on a thread of its own ({@code dualrun agent}, {@code
 * dualrun drilldown}) hosted as every dualrun service is: {@code /health} (the worker's thread
 * alive, what it has done), {@code /ready} (the topic it writes writable, the registry answering,
 * the worker running) and {@code /metrics}.
 */
public final class WorkerService implements HostedService {
  /** The work: runs until closed. */
  public interface Worker extends Runnable, AutoCloseable {
    @Override
    void close();
  }

  private final String name;
  private final Worker worker;
  private final String doneName;
  private final LongSupplier done;
  private final List<ReadinessCheck> checks;
  private final Thread thread;
  private volatile Throwable died;

  private WorkerService(
      String name, Worker worker, String doneName, LongSupplier done, List<ReadinessCheck> checks) {
    this.name = name;
    this.worker = worker;
    this.doneName = doneName;
    this.done = done;
    this.checks = checks;
    this.thread = new Thread(this::work, name);
  }

  private void work() {
    try {
      worker.run();
    } catch (RuntimeException | Error e) {
      died = e;
      throw e;
    }
  }

  /**
   * Starts {@code worker} and serves its probes on {@code host:port} (0: a free port); {@code done}
   * counts what it did ({@code doneName} in {@code /health} and {@code /metrics}).
   */
  public static ServiceHost start(
      String name,
      Worker worker,
      String doneName,
      LongSupplier done,
      Map<String, Object> kafka,
      String writtenTopic,
      String registryUrl,
      String host,
      int port) {
    List<ReadinessCheck> checks = new ArrayList<>();
    checks.add(new KafkaWritable(kafka, List.of(writtenTopic), StandardChecks.TIMEOUT));
    checks.add(new RegistryReachable(registryUrl, null, null, StandardChecks.TIMEOUT));
    WorkerService service = new WorkerService(name, worker, doneName, done, checks);
    PrometheusMeterRegistry metrics = ServiceMetrics.create();
    metrics
        .more()
        .counter(
            "dualrun_" + name + "_" + doneName + "_total",
            List.of(),
            service,
            s -> s.done.getAsLong());
    service.thread.start();
    try {
      return ServiceHost.builder(AccessPolicy.open(), metrics)
          .listen(host, port)
          .service(service)
          .start();
    } catch (RuntimeException e) {
      service.close();
      throw e;
    }
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public void routes(Javalin app) {}

  @Override
  public List<ReadinessCheck> readiness() {
    List<ReadinessCheck> all = new ArrayList<>(checks);
    all.add(
        ReadinessCheck.of(
            name,
            () ->
                thread.isAlive()
                    ? ReadinessCheck.Result.ok("running")
                    : ReadinessCheck.Result.failed(
                        "stopped" + (died == null ? "" : ": " + died.getMessage()))));
    return all;
  }

  @Override
  public Map<String, Object> health() {
    Map<String, Object> health = new LinkedHashMap<>();
    health.put("worker", thread.isAlive() ? "RUNNING" : "STOPPED");
    if (died != null) {
      health.put("error", String.valueOf(died.getMessage()));
    }
    health.put(doneName, done.getAsLong());
    return health;
  }

  @Override
  public void close() {
    worker.close();
    try {
      thread.join(20_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
