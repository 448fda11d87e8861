package io.dualrun.reconciler.stream;

import static org.assertj.core.api.Assertions.assertThat;

import io.dualrun.reconciler.state.PairState;
import io.dualrun.reconciler.state.PairUpdater;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.stream.IntStream;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.junit.jupiter.api.Test;

class DeadlineIndexTest {
  @Test
  void takesDuePairsEarliestFirstAndTiesByKey() {
    DeadlineIndex index = DeadlineIndex.of(iterator(List.of()));
    index.move("wf/b", null, 20L);
    index.move("wf/a", null, 20L);
    index.move("wf/c", null, 10L);
    index.move("wf/d", null, 30L);
    assertThat(index.takeDue(9)).isEmpty();
    assertThat(index.takeDue(20)).containsExactly("wf/c", "wf/a", "wf/b");
    assertThat(index.takeDue(20)).isEmpty();
    assertThat(index.takeDue(Long.MAX_VALUE)).containsExactly("wf/d");
    assertThat(index.size()).isZero();
  }

  @Test
  void aMovedPairIsDueOnlyAtItsNewTime() {
    DeadlineIndex index = DeadlineIndex.of(iterator(List.of()));
    index.move("wf/a", null, 10L);
    index.move("wf/a", 10L, 50L);
    assertThat(index.takeDue(49)).isEmpty();
    assertThat(index.takeDue(50)).containsExactly("wf/a");
    index.move("wf/b", null, 10L);
    index.move("wf/b", 10L, null);
    assertThat(index.takeDue(Long.MAX_VALUE)).isEmpty();
    assertThat(index.size()).isZero();
  }

  @Test
  void isRebuiltFromTheStoredPairsThatHaveADeadline() {
    DeadlineIndex index =
        DeadlineIndex.of(
            iterator(
                List.of(
                    KeyValue.pair("wf/a", pair("a", 5L)),
                    KeyValue.pair("wf/b", pair("b", 100L)),
                    KeyValue.pair("wf/c", pair("c", null)))));
    assertThat(index.size()).isEqualTo(2);
    assertThat(index.takeDue(5)).containsExactly("wf/a");
    assertThat(index.takeDue(100)).containsExactly("wf/b");
  }

  @Test
  void handsOutAtMostABatchPerCall() {
    DeadlineIndex index = DeadlineIndex.of(iterator(List.of()));
    int n = DeadlineIndex.BATCH + 5;
    IntStream.range(0, n).forEach(i -> index.move("wf/" + i, null, (long) i));
    List<String> first = index.takeDue(Long.MAX_VALUE);
    assertThat(first).hasSize(DeadlineIndex.BATCH).startsWith("wf/0", "wf/1");
    assertThat(index.takeDue(Long.MAX_VALUE)).hasSize(5).last().isEqualTo("wf/" + (n - 1));
  }

  private static PairState pair(String partition, Long deadline) {
    PairState s = PairUpdater.empty("wf", partition, 0);
    s.setDeadline(deadline);
    return s;
  }

  private static KeyValueIterator<String, PairState> iterator(
      List<KeyValue<String, PairState>> pairs) {
    Iterator<KeyValue<String, PairState>> it = new ArrayList<>(pairs).iterator();
    return new KeyValueIterator<>() {
      @Override
      public boolean hasNext() {
        return it.hasNext();
      }

      @Override
      public KeyValue<String, PairState> next() {
        return it.next();
      }

      @Override
      public String peekNextKey() {
        throw new UnsupportedOperationException();
      }

      @Override
      public void close() {}
    };
  }
}
