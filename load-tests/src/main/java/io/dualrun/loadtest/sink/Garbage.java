package io.dualrun.loadtest.sink;

import java.util.List;

/** Bodies ingest must refuse with 400 (each with a reason a hook could really produce). */
final class Garbage {
  static final List<String> EVENTS =
      List.of(
          "{\"workflow\": \"lt-wf-0000\", \"partition\": ",
          "[{\"workflow\": \"lt-wf-0000\", \"partition\": \"2026-10-01\", \"side\": \"sideways\","
              + " \"orchestrator\": \"cron\", \"runId\": \"r\", \"attempt\": 1, \"status\": \"SUCCEEDED\","
              + " \"eventTime\": \"2026-10-02T02:00:00Z\"}]",
          "[{\"workflow\": \"bad workflow id!\", \"partition\": \"2026-10-01\", \"side\": \"baseline\","
              + " \"orchestrator\": \"cron\", \"runId\": \"r\", \"attempt\": 0, \"status\": \"DONE\","
              + " \"eventTime\": \"yesterday\"}]",
          "{\"hello\": \"world\"}",
          "[1, 2, 3]");
  static final List<String> FINGERPRINTS =
      List.of(
          "[{\"workflow\": \"lt-wf-0001\", \"partition\": \"2026-10-01\", \"side\": \"candidate\","
              + " \"runId\": \"r\", \"attempt\": 1, \"output\": \"o\", \"eventTime\": \"2026-10-02T02:00:00Z\","
              + " \"rowCount\": -5, \"contentHash\": \"XYZ\"}]",
          "not json at all");

  private Garbage() {}

  static String pick(boolean events, int n) {
    List<String> list = events ? EVENTS : FINGERPRINTS;
    return list.get(Math.floorMod(n, list.size()));
  }
}
