package io.dualrun.ingest.lineage;

import io.dualrun.ingest.sink.Outgoing;
import java.util.List;

/**
 * What one OpenLineage event becomes.
 *
 * @param records run events and fingerprints, or the one dead letter of an unmapped job
 * @param unmapped whether no workflow of the inventory maps the job
 */
public record LineageResult(List<Outgoing> records, boolean unmapped) {
  public LineageResult {
    records = List.copyOf(records);
  }

  static LineageResult mapped(List<Outgoing> records) {
    return new LineageResult(records, false);
  }

  static LineageResult unmapped(Outgoing.DeadLetter letter) {
    return new LineageResult(List.of(letter), true);
  }

  /** A mapped event of a type that carries no status (RUNNING, OTHER) and no outputs. */
  public boolean ignored() {
    return !unmapped && records.isEmpty();
  }
}
