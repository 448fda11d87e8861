package io.dualrun.sql;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** Argument and connection errors: one line on stderr, exit code 1, nothing on stdout. */
class SqlCommandTest {

  private record Run(int exitCode, String out, String err) {}

  private static Run run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CommandLine cli = SqlCommand.commandLine();
    cli.setOut(new PrintWriter(out));
    cli.setErr(new PrintWriter(err));
    int code = cli.execute(args);
    return new Run(code, out.toString(), err.toString());
  }

  private static void assertOneLineError(Run run, String message) {
    assertThat(run.exitCode).isEqualTo(1);
    assertThat(run.out).isEmpty();
    assertThat(run.err).isEqualTo("dualrun sql: " + message + System.lineSeparator());
  }

  @Test
  void unreachableKafkaIsOneClearMessage() throws IOException {
    int port;
    try (ServerSocket socket = new ServerSocket(0)) {
      port = socket.getLocalPort();
    }
    Run run = run("--bootstrap-servers", "127.0.0.1:" + port, "--connect-timeout", "2", "SELECT 1");
    assertThat(run.exitCode).isEqualTo(1);
    assertThat(run.out).isEmpty();
    assertThat(run.err)
        .startsWith("dualrun sql: cannot reach Kafka at 127.0.0.1:" + port + " (")
        .doesNotContain("\tat ");
    assertThat(run.err.lines()).hasSize(1);
  }

  @Test
  void aMalformedFlinkAddressNamesTheOption() {
    for (String bad : new String[] {"jobmanager", "jobmanager:", ":8081", "host:99999", "a/b:1"}) {
      assertOneLineError(
          run("--flink", bad, "SELECT 1"),
          "--flink '"
              + bad
              + "' is not HOST:PORT of a Flink REST endpoint (e.g. localhost:8081; also from"
              + " DUALRUN_FLINK or flink.address in the client file)");
    }
  }

  @Test
  void aSessionClusterThatDoesNotAnswerIsOneClearMessage() throws IOException {
    int port;
    try (ServerSocket socket = new ServerSocket(0)) {
      port = socket.getLocalPort();
    }
    Run run = run("--flink", "127.0.0.1:" + port, "--connect-timeout", "2", "SELECT 1");
    assertThat(run.exitCode).isEqualTo(1);
    assertThat(run.out).isEmpty();
    assertThat(run.err)
        .startsWith(
            "dualrun sql: --flink 127.0.0.1:"
                + port
                + ": no Flink session cluster answers there (GET http://127.0.0.1:"
                + port
                + "/v1/config: ")
        .doesNotContain("\tat ");
    assertThat(run.err.lines()).hasSize(1);
  }

  @Test
  void anEndpointThatIsNotFlinkOrOfAnotherVersionIsNamed() throws IOException {
    HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext(
        "/v1/config", exchange -> answer(exchange, 200, "{\"flink-version\":\"1.20.1\"}"));
    server.createContext("/", exchange -> answer(exchange, 404, "{}"));
    server.start();
    try {
      String flink = "127.0.0.1:" + server.getAddress().getPort();
      assertOneLineError(
          run("--flink", flink, "SELECT 1"),
          "--flink "
              + flink
              + ": the cluster runs Flink 1.20.1; dualrun sql submits jobs of Flink 2.2.0 (needs a"
              + " 2.2.x cluster)");
      server.removeContext("/v1/config");
      assertOneLineError(
          run("--flink", flink, "SELECT 1"),
          "--flink "
              + flink
              + ": GET http://"
              + flink
              + "/v1/config answered HTTP 404, not a Flink JobManager's REST endpoint");
    } finally {
      server.stop(0);
    }
  }

  private static void answer(HttpExchange exchange, int status, String body) throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    exchange.sendResponseHeaders(status, bytes.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(bytes);
    }
  }

  @Test
  void queryOrFileExactlyOnce() {
    assertOneLineError(run(), "give either a QUERY or -f FILE (exactly one of them)");
    assertOneLineError(
        run("-f", "x.sql", "SELECT 1"), "give either a QUERY or -f FILE (exactly one of them)");
  }

  @Test
  void missingFileIsNamed() {
    assertOneLineError(run("-f", "no/such/file.sql"), "-f no/such/file.sql: no such file");
  }

  @Test
  void badOptionValuesNameTheOption() {
    assertOneLineError(
        run("--format", "xml", "SELECT 1"), "--format 'xml' is not one of table, csv, json");
    assertOneLineError(
        run("--bootstrap-servers", "kafka", "SELECT 1"),
        "--bootstrap-servers: 'kafka' is not host:port (in 'kafka')");
    assertOneLineError(
        run("--registry-url", "ftp://x/y", "SELECT 1"),
        "--registry-url 'ftp://x/y' must be an http(s) URL");
    assertOneLineError(
        run("--time-zone", "Mars/Base", "SELECT 1"),
        "--time-zone 'Mars/Base' is not a time zone id");
    assertOneLineError(
        run("--parallelism", "0", "SELECT 1"), "--parallelism must be between 1 and 64, got 0");
  }

  @Test
  void verboseAddsTheStackTrace() {
    Run run = run("--verbose", "-f", "no/such/file.sql");
    assertThat(run.exitCode).isEqualTo(1);
    assertThat(run.err)
        .startsWith("dualrun sql: -f no/such/file.sql: no such file")
        .contains("\tat ");
  }

  @Test
  void helpListsTheOptions() {
    Run run = run("--help");
    assertThat(run.exitCode).isZero();
    assertThat(run.out)
        .contains("--bootstrap-servers")
        .contains("--registry-url")
        .contains("--format")
        .contains("--flink")
        .contains("localhost:9092")
        .contains("/apis/ccompat/v7");
  }
}
