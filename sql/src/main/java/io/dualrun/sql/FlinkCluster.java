package io.dualrun.sql;

import org.apache.flink.api.common.RuntimeExecutionMode;
import org.apache.flink.table.api.TableEnvironment;

/** Where {@code dualrun sql} runs its jobs: an embedded mini cluster or a session cluster. */
public interface FlinkCluster extends AutoCloseable {
  /** A new table environment in {@code mode} whose jobs run on this cluster. */
  TableEnvironment newTableEnvironment(RuntimeExecutionMode mode);

  /**
   * Whether a job outlives this process: on a session cluster an {@code INSERT} is submitted and
   * left running; on the embedded Flink it is waited for.
   */
  boolean detached();

  /** The cluster's REST endpoint, {@code http://host:port}. */
  String restUrl();

  @Override
  void close();
}
