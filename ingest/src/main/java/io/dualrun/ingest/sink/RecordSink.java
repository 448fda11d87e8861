package io.dualrun.ingest.sink;

import java.util.List;

/** Where accepted records go. Returns only once every record is stored. */
public interface RecordSink {

  /**
   * Writes every record and waits until each one is acknowledged.
   *
   * @throws SinkUnavailableException when they could not all be stored in time (some may have been)
   * @throws SinkRejectedException when the records can never be stored as they are
   */
  void writeAll(List<Outgoing> records);
}
