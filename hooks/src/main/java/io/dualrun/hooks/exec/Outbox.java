package io.dualrun.hooks.exec;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;

/**
 * Delivers events to ingest, spooled ones first; keeps in the spool what could not be delivered.
 * Event ids are fixed when an event is created, so delivering a spooled event again after a crash
 * never counts it twice.
 */
public final class Outbox {
  private static final String PATH = "/v1/events";
  private final IngestClient client;
  private final Spool spool;
  private final PrintStream log;

  public Outbox(IngestClient client, Spool spool, PrintStream log) {
    this.client = client;
    this.spool = spool;
    this.log = log;
  }

  /**
   * Sends the spooled events and {@code events}.
   *
   * @return how many events are left in the spool
   */
  public int send(List<? extends JsonNode> events) throws IOException {
    return spool.withLock(
        pending -> {
          List<JsonNode> all = new ArrayList<>(pending);
          all.addAll(events);
          if (all.isEmpty()) {
            return 0;
          }
          IngestClient.Result result = client.post(PATH, all);
          List<JsonNode> keep =
              switch (result.outcome()) {
                case DELIVERED -> List.of();
                case UNDELIVERED -> all;
                case REJECTED -> oneByOne(all);
              };
          if (!keep.isEmpty()) {
            log.println(
                "dualrun exec: "
                    + keep.size()
                    + " event(s) kept in "
                    + spool.file()
                    + " for the next run: "
                    + describe(result));
          }
          spool.replace(keep);
          return keep.size();
        });
  }

  private List<JsonNode> oneByOne(List<JsonNode> all) throws IOException {
    List<JsonNode> keep = new ArrayList<>();
    for (JsonNode event : all) {
      IngestClient.Result one = client.post(PATH, List.of(event));
      if (one.outcome() == IngestClient.Outcome.REJECTED) {
        log.println(
            "dualrun exec: ingest refused an event, kept in "
                + spool.rejectedFile()
                + ": "
                + one.detail());
        spool.reject(event, one.detail());
      } else if (one.outcome() == IngestClient.Outcome.UNDELIVERED) {
        keep.add(event);
      }
    }
    return keep;
  }

  private static String describe(IngestClient.Result r) {
    return r.status() == 0 ? r.detail() : "HTTP " + r.status() + " " + r.detail();
  }
}
