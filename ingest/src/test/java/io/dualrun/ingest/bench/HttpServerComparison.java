package io.dualrun.ingest.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.dualrun.config.ConfigMap;
import io.dualrun.ingest.IngestApi;
import io.dualrun.ingest.IngestConfig;
import io.dualrun.ingest.IngestServer;
import io.dualrun.ingest.PlatformIngest;
import io.dualrun.ingest.TestInventory;
import io.dualrun.ingest.sink.Outgoing;
import io.dualrun.inventory.InventoryLoader;
import io.dualrun.schemas.avro.RunEvent;
import io.dualrun.service.lifecycle.ServiceHost;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;

/**
 * The same batch handler (token check, body read, parsing and validation of run events, answer with
 * the ids) on Javalin/Jetty and on the JDK's built-in {@code com.sun.net.httpserver}, with a sink
 * that keeps nothing, so only the servers and the per-record work differ from Kafka's part.
 * Alternating rounds; not part of the test suite. Arguments: events per round, batch size, rounds.
 */
public final class HttpServerComparison {
  private static final ObjectMapper MAPPER = new ObjectMapper();

  private HttpServerComparison() {}

  public static void main(String[] args) throws Exception {
    int events = args.length > 0 ? Integer.parseInt(args[0]) : 50_000;
    int batch = args.length > 1 ? Integer.parseInt(args[1]) : 500;
    int rounds = args.length > 2 ? Integer.parseInt(args[2]) : 5;
    // Without TCP_NODELAY the JDK server's answers wait for the client's delayed ACK (~40 ms).
    System.setProperty(
        "sun.net.httpserver.nodelay", System.getProperty("sun.net.httpserver.nodelay", "true"));
    IngestApi api = api();
    ServiceHost javalin = IngestServer.start(api, 10_485_760L, "127.0.0.1", 0);
    HttpServer jdk = jdkServer(api);
    try (CloseableHttpClient client = HttpClients.createDefault()) {
      URI viaJavalin = URI.create("http://127.0.0.1:" + javalin.port() + "/v1/events");
      URI viaJdk = URI.create("http://127.0.0.1:" + jdk.getAddress().getPort() + "/v1/events");
      IngestBenchmark.viaHttp(client, viaJavalin, IngestBenchmark.records(30_000, "warm"), batch);
      IngestBenchmark.viaHttp(client, viaJdk, IngestBenchmark.records(30_000, "warm"), batch);
      for (int round = 1; round <= rounds; round++) {
        List<RunEvent> records = IngestBenchmark.records(events, "r" + round);
        double javalinRate = IngestBenchmark.viaHttp(client, viaJavalin, records, batch);
        double jdkRate = IngestBenchmark.viaHttp(client, viaJdk, records, batch);
        System.out.printf(
            "round %d: Javalin/Jetty %.0f events/s, JDK HttpServer %.0f events/s%n",
            round, javalinRate, jdkRate);
      }
    } finally {
      javalin.close();
      jdk.stop(0);
    }
  }

  private static IngestApi api() {
    Map<String, Object> flat = new HashMap<>();
    flat.put("inventory", TestInventory.path().toString());
    flat.put(
        "ingest.auth.tokens", List.of(Map.of("source", "bench", "token", PlatformIngest.TOKEN)));
    IngestConfig config = IngestConfig.from(ConfigMap.of("bench.yaml", flat));
    return IngestApi.create(config, InventoryLoader.load(TestInventory.path()), records -> {});
  }

  private static HttpServer jdkServer(IngestApi api) throws IOException {
    HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    // daemon threads: the JDK server does not stop its executor, which would keep the JVM alive
    server.setExecutor(
        Executors.newFixedThreadPool(
            8,
            r -> {
              Thread t = new Thread(r, "jdk-http");
              t.setDaemon(true);
              return t;
            }));
    server.createContext("/v1/events", exchange -> events(exchange, api));
    server.start();
    return server;
  }

  /** What {@code POST /v1/events} does, on the JDK server (errors answered 400, enough here). */
  private static void events(HttpExchange exchange, IngestApi api) throws IOException {
    int status;
    byte[] answer;
    try {
      if (!(api.auth()
              .check(
                  exchange.getRequestHeaders().getFirst("Authorization"),
                  io.dualrun.config.auth.Role.SOURCE)
          instanceof io.dualrun.config.auth.AccessPolicy.Decision.Allowed)) {
        throw new IllegalArgumentException("no valid token");
      }
      io.dualrun.ingest.parse.Parsed<List<RunEvent>> parsed =
          api.body().read(exchange.getRequestBody(), -1).flatMap(api.natives()::events);
      if (!(parsed instanceof io.dualrun.ingest.parse.Parsed.Ok<List<RunEvent>> ok)) {
        throw new IllegalArgumentException(parsed.toString());
      }
      List<RunEvent> events = ok.value();
      List<Outgoing> records = new ArrayList<>(events.size());
      ObjectNode out = MAPPER.createObjectNode().put("accepted", events.size());
      var ids = out.putArray("eventIds");
      for (RunEvent e : events) {
        records.add(new Outgoing.Event(e));
        ids.add(e.getEventId());
      }
      api.sink().writeAll(records);
      status = 202;
      answer = MAPPER.writeValueAsBytes(out);
    } catch (RuntimeException e) {
      status = 400;
      answer = String.valueOf(e.getMessage()).getBytes(StandardCharsets.UTF_8);
    }
    exchange.getResponseHeaders().add("Content-Type", "application/json");
    exchange.sendResponseHeaders(status, answer.length);
    try (OutputStream o = exchange.getResponseBody()) {
      o.write(answer);
    }
  }
}
