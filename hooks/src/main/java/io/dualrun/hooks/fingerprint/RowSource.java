package io.dualrun.hooks.fingerprint;

import java.util.List;

/** Rows read one at a time (never all in memory). */
public interface RowSource extends AutoCloseable {
  List<Column> columns();

  /** Fills {@code values} with the next row; false at the end. */
  boolean next(Object[] values) throws Exception;

  @Override
  void close() throws Exception;
}
