package io.dualrun.ingest;

import io.dualrun.ingest.sink.Outgoing;
import io.dualrun.ingest.sink.RecordSink;
import io.dualrun.ingest.sink.SinkUnavailableException;
import java.util.ArrayList;
import java.util.List;

/** A sink that keeps what it is given in memory, or fails as an unreachable Kafka would. */
public final class FakeSink implements RecordSink {
  private final List<Outgoing> written = new ArrayList<>();
  private volatile boolean down;

  @Override
  public synchronized void writeAll(List<Outgoing> records) {
    if (down) {
      throw new SinkUnavailableException("Kafka did not acknowledge the write within PT1S", null);
    }
    written.addAll(records);
  }

  public void down(boolean down) {
    this.down = down;
  }

  public synchronized List<Outgoing> written() {
    return List.copyOf(written);
  }

  public synchronized <T extends Outgoing> List<T> written(Class<T> type) {
    return written.stream().filter(type::isInstance).map(type::cast).toList();
  }
}
