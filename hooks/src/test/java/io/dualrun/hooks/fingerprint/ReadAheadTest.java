package io.dualrun.hooks.fingerprint;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dualrun.schemas.ColumnKind;
import java.util.List;
import org.junit.jupiter.api.Test;

class ReadAheadTest {
  /** Rows {i, "row-i"} for i in [0, rows); fails at row {@code failAt} (-1: never). */
  static final class Numbers implements RowSource {
    final int rows;
    final int failAt;
    int next;
    boolean closed;

    Numbers(int rows, int failAt) {
      this.rows = rows;
      this.failAt = failAt;
    }

    @Override
    public List<Column> columns() {
      return List.of(new Column("i", ColumnKind.INTEGER), new Column("t", ColumnKind.TEXT));
    }

    @Override
    public boolean next(Object[] values) {
      if (next == failAt) {
        throw new IllegalStateException("broken at " + next);
      }
      if (next == rows) {
        return false;
      }
      values[0] = (long) next;
      values[1] = "row-" + next;
      next++;
      return true;
    }

    @Override
    public void close() {
      closed = true;
    }
  }

  @Test
  void rowsComeOutInOrderAcrossBatches() throws Exception {
    int n = ReadAhead.BATCH * 9 + 17;
    Numbers source = new Numbers(n, -1);
    Object[] row = new Object[2];
    long count = 0;
    try (ReadAhead rows = new ReadAhead(source)) {
      while (rows.next(row)) {
        assertThat(row).containsExactly(count, "row-" + count);
        count++;
      }
      assertThat(rows.next(row)).isFalse();
    }
    assertThat(count).isEqualTo(n);
    assertThat(source.closed).isFalse();
  }

  @Test
  void aReadFailureReachesTheCaller() throws Exception {
    Object[] row = new Object[2];
    try (ReadAhead rows = new ReadAhead(new Numbers(100_000, 5000))) {
      assertThatThrownBy(
              () -> {
                while (rows.next(row)) {
                  assertThat(row[0]).isNotNull();
                }
              })
          .hasMessage("broken at 5000");
    }
  }

  @Test
  void closingEarlyStopsTheReader() throws Exception {
    Numbers source = new Numbers(Integer.MAX_VALUE, -1);
    ReadAhead rows = new ReadAhead(source);
    Object[] row = new Object[2];
    assertThat(rows.next(row)).isTrue();
    rows.close();
    assertThat(source.next).isLessThanOrEqualTo(ReadAhead.BATCH * 5);
  }
}
