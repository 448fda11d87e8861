package io.dualrun.hooks.fingerprint;

import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;

/**
 * Reads the rows of a source on a thread of its own, in batches a few ahead of the caller, so that
 * reading (driver decoding, waiting on the database) and fingerprinting overlap. Rows come out in
 * the source's order; memory stays bounded (a fixed number of reused batches). Closing stops the
 * reading thread but leaves the source to its owner.
 */
final class ReadAhead implements RowSource {
  static final int BATCH = 1024;
  private static final int BATCHES = 4;
  private static final long STOP_WAIT_MS = 5_000;
  private static final Batch END = new Batch(0, 0);

  private final RowSource source;
  private final BlockingQueue<Batch> full = new ArrayBlockingQueue<>(BATCHES + 1);
  private final BlockingQueue<Batch> free = new ArrayBlockingQueue<>(BATCHES);
  private final Thread reader;
  private volatile Exception failure;
  private Batch batch;
  private int index;

  /** Rows of one batch; {@code size} of them filled. */
  private static final class Batch {
    final Object[][] rows;
    int size;

    Batch(int rows, int columns) {
      this.rows = new Object[rows][columns];
    }
  }

  ReadAhead(RowSource source) {
    this.source = source;
    for (int i = 0; i < BATCHES; i++) {
      free.add(new Batch(BATCH, source.columns().size()));
    }
    reader = new Thread(this::read, "fingerprint-read");
    reader.setDaemon(true);
    reader.start();
  }

  private void read() {
    try {
      Batch b;
      do {
        b = free.take();
        b.size = 0;
        while (b.size < BATCH && source.next(b.rows[b.size])) {
          b.size++;
        }
        full.put(b);
      } while (b.size == BATCH);
      full.put(END);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (Exception e) {
      failure = e;
      full.offer(END);
    }
  }

  @Override
  public List<Column> columns() {
    return source.columns();
  }

  @Override
  public boolean next(Object[] values) throws Exception {
    while (batch != END && (batch == null || index == batch.size)) {
      if (batch != null) {
        free.put(batch);
      }
      batch = full.take();
      index = 0;
    }
    if (batch == END) {
      if (failure != null) {
        throw failure;
      }
      return false;
    }
    Object[] row = batch.rows[index++];
    System.arraycopy(row, 0, values, 0, values.length);
    return true;
  }

  /**
   * Stops the reading thread. A driver may not notice the interrupt while it waits on its socket:
   * after a few seconds the owner closes the source anyway, which ends that read with an error.
   */
  @Override
  public void close() throws InterruptedException {
    reader.interrupt();
    reader.join(STOP_WAIT_MS);
  }
}
