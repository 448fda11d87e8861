package io.dualrun.sql;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.apache.flink.api.common.RuntimeExecutionMode;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.CoreOptions;
import org.apache.flink.configuration.DeploymentOptions;
import org.apache.flink.configuration.ExecutionOptions;
import org.apache.flink.configuration.MetricOptions;
import org.apache.flink.configuration.RestOptions;
import org.apache.flink.configuration.RestartStrategyOptions;
import org.apache.flink.runtime.minicluster.MiniCluster;
import org.apache.flink.runtime.minicluster.MiniClusterConfiguration;
import org.apache.flink.table.api.EnvironmentSettings;
import org.apache.flink.table.api.TableEnvironment;
import org.apache.flink.table.api.config.TableConfigOptions;

/**
 * One local Flink mini cluster (bound to 127.0.0.1, temporary files in its own directory) that any
 * number of batch {@link TableEnvironment}s submit their jobs to.
 */
public final class EmbeddedFlink implements FlinkCluster {
  private final SqlSettings settings;
  private final Path tmpDir;
  private final MiniCluster cluster;
  private final URI restAddress;

  private EmbeddedFlink(SqlSettings settings, Path tmpDir, MiniCluster cluster, URI restAddress) {
    this.settings = settings;
    this.tmpDir = tmpDir;
    this.cluster = cluster;
    this.restAddress = restAddress;
  }

  /** Starts the mini cluster. */
  public static EmbeddedFlink start(SqlSettings settings) {
    Path tmpDir = createTmpDir(settings.tmpRoot());
    Configuration conf = baseConfiguration(settings, tmpDir);
    MiniCluster cluster =
        new MiniCluster(
            new MiniClusterConfiguration.Builder()
                .setConfiguration(conf)
                .setNumTaskManagers(1)
                .setNumSlotsPerTaskManager(settings.parallelism())
                .build());
    try {
      cluster.start();
      URI rest = cluster.getRestAddress().get(60, TimeUnit.SECONDS);
      return new EmbeddedFlink(settings, tmpDir, cluster, rest);
    } catch (Exception e) {
      closeQuietly(cluster);
      deleteRecursively(tmpDir);
      if (e instanceof InterruptedException) {
        Thread.currentThread().interrupt();
      }
      throw new SqlScriptException("cannot start the embedded Flink: " + e.getMessage(), e);
    }
  }

  private static Configuration baseConfiguration(SqlSettings settings, Path tmpDir) {
    Configuration conf = new Configuration();
    conf.set(CoreOptions.TMP_DIRS, tmpDir.toString());
    conf.set(CoreOptions.DEFAULT_PARALLELISM, settings.parallelism());
    conf.set(RestOptions.BIND_ADDRESS, "127.0.0.1");
    conf.set(RestOptions.ADDRESS, "127.0.0.1");
    conf.set(RestOptions.PORT, 0);
    conf.set(RestartStrategyOptions.RESTART_STRATEGY, "none");
    conf.set(CoreOptions.CHECK_LEAKED_CLASSLOADER, false);
    // the rows read that the progress line shows come from metrics the REST endpoint refreshes
    conf.set(MetricOptions.METRIC_FETCHER_UPDATE_INTERVAL, Duration.ofSeconds(1));
    return conf;
  }

  /** A new batch table environment whose jobs run on this cluster. */
  public TableEnvironment newTableEnvironment() {
    return newTableEnvironment(RuntimeExecutionMode.BATCH);
  }

  @Override
  public TableEnvironment newTableEnvironment(RuntimeExecutionMode mode) {
    Configuration conf = baseConfiguration(settings, tmpDir);
    conf.set(DeploymentOptions.TARGET, "remote");
    conf.set(RestOptions.ADDRESS, restAddress.getHost());
    conf.set(RestOptions.PORT, restAddress.getPort());
    conf.set(TableConfigOptions.LOCAL_TIME_ZONE, settings.timeZone().getId());
    conf.set(ExecutionOptions.RUNTIME_MODE, mode);
    return TableEnvironment.create(
        EnvironmentSettings.newInstance().withConfiguration(conf).build());
  }

  @Override
  public boolean detached() {
    return false;
  }

  @Override
  public String restUrl() {
    return "http://" + restAddress.getHost() + ":" + restAddress.getPort();
  }

  public Path tmpDir() {
    return tmpDir;
  }

  @Override
  public void close() {
    try {
      cluster.closeAsync().get(60, TimeUnit.SECONDS);
    } catch (Exception e) {
      if (e instanceof InterruptedException) {
        Thread.currentThread().interrupt();
      }
      throw new SqlScriptException("cannot stop the embedded Flink: " + e.getMessage(), e);
    } finally {
      deleteRecursively(tmpDir);
    }
  }

  private static void closeQuietly(MiniCluster cluster) {
    try {
      cluster.closeAsync().get(30, TimeUnit.SECONDS);
    } catch (Exception ignored) {
      // the start already failed; that is what gets reported
      if (ignored instanceof InterruptedException) {
        Thread.currentThread().interrupt();
      }
    }
  }

  private static Path createTmpDir(Path root) {
    try {
      if (root == null) {
        return Files.createTempDirectory("dualrun-sql-");
      }
      Files.createDirectories(root);
      return Files.createTempDirectory(root, "dualrun-sql-");
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create Flink's temporary directory", e);
    }
  }

  private static void deleteRecursively(Path dir) {
    try (Stream<Path> paths = Files.walk(dir)) {
      paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      // best effort: a temporary directory left behind is not worth failing the query for
    }
  }
}
