package io.dualrun.sql;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The rows read and the state come from the job's REST answer (a local HTTP server here). */
class TerminalProgressTest {

  @Test
  void rowsReadAreWhatTheSourcesWroteAndTheStateIsTheJobs() throws Exception {
    String body =
        "{\"jid\":\"j1\",\"state\":\"RUNNING\",\"vertices\":["
            + "{\"name\":\"Source: verdicts[1]\",\"metrics\":{\"read-records\":0,\"write-records\":42}},"
            + "{\"name\":\"Source: run_events[3]\",\"metrics\":{\"write-records\":8}},"
            + "{\"name\":\"SortAggregate\",\"metrics\":{\"read-records\":50,\"write-records\":5}}]}";
    HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext(
        "/jobs/j1",
        exchange -> {
          byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
          exchange.sendResponseHeaders(200, bytes.length);
          try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
          }
        });
    server.start();
    try {
      TerminalProgress progress =
          new TerminalProgress(
              new PrintWriter(new StringWriter()),
              "http://127.0.0.1:" + server.getAddress().getPort());
      assertThat(progress.status("j1")).isEqualTo(new TerminalProgress.Status("RUNNING", 50));
      assertThat(progress.status("unknown")).as("a 404: nothing to show yet").isNull();
    } finally {
      server.stop(0);
    }
  }
}
