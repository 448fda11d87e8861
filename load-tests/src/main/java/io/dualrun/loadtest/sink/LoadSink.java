package io.dualrun.loadtest.sink;

import io.dualrun.loadtest.gen.Timed;

/** Where generated records go: ingest over HTTP, or Kafka directly. */
public interface LoadSink extends AutoCloseable {
  void send(Timed record);

  /** Everything sent so far is stored when this returns. */
  void flush();

  @Override
  void close();
}
